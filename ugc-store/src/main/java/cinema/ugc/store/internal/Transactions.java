package cinema.ugc.store.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** One JDBC transaction, the same way for every store: commit on return, roll back on any failure. */
public final class Transactions {
    /** Work done inside the transaction. */
    @FunctionalInterface
    public interface Work {
        void run() throws SQLException;
    }

    private Transactions() {}

    /**
     * Runs {@code work} in one transaction on {@code c}: committed when it returns, rolled back when it throws, and the
     * connection back in auto-commit mode afterwards either way (pooled connections are shared by later callers).
     */
    public static void inTransaction(Connection c, Work work) throws SQLException {
        c.setAutoCommit(false);
        try {
            work.run();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            // On a lost connection the rollback fails too (HikariCP's closed proxy says only "Connection is closed",
            // with no SQLSTATE): the work's own failure is the one that says what happened and whether to retry.
            try {
                c.rollback();
                c.setAutoCommit(true);
            } catch (SQLException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        c.setAutoCommit(true);
    }
}
