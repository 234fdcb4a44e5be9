package cinema.ugc.store.internal;

import cinema.ugc.store.StoreException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;

/** The one place that decides which JDBC failures (DuckDB, PostgreSQL) are worth retrying. */
public final class JdbcErrors {
    private JdbcErrors() {}

    public static StoreException classify(String store, SQLException e) {
        String message = store + ": " + e.getMessage();
        if (connectFailure(e) != null) {
            message += " (" + connectFailure(e).getMessage() + ")";
        }
        return retriable(e) ? StoreException.retriable(message, e) : StoreException.fatal(message, e);
    }

    /**
     * HikariCP reports a connection it could not make as a timeout whose cause is the driver's error: that error, so
     * that a refused login stays fatal and a refused connection retriable; null for other failures.
     */
    private static SQLException connectFailure(SQLException e) {
        return e instanceof SQLTransientConnectionException && e.getCause() instanceof SQLException cause
                ? cause
                : null;
    }

    /**
     * Retriable: lost or refused connections (SQLSTATE class 08), insufficient resources (53), the server shutting
     * down (57P), serialization failures and deadlocks (40), and DuckDB's transaction conflicts and I/O errors.
     * Everything else (syntax, schema, authentication 28, data) is fatal: the same batch would fail again.
     */
    static boolean retriable(SQLException e) {
        if (connectFailure(e) != null) {
            return retriable(connectFailure(e));
        }
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || state.startsWith("40")) {
            return true;
        }
        String text = String.valueOf(e.getMessage());
        return text.contains("TransactionContext Error") || text.startsWith("IO Error");
    }
}
