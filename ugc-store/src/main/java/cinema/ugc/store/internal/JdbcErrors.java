package cinema.ugc.store.internal;

import cinema.ugc.store.StoreException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.SQLRecoverableException;

/** The one place that decides which JDBC failures (DuckDB, PostgreSQL) are worth retrying. */
public final class JdbcErrors {
    private JdbcErrors() {
    }

    public static StoreException classify(String store, SQLException e) {
        String message = store + ": " + e.getMessage();
        return retriable(e) ? StoreException.retriable(message, e) : StoreException.fatal(message, e);
    }

    /**
     * Retriable: lost or refused connections (SQLSTATE class 08), insufficient resources (53), the server shutting
     * down (57P), serialization failures and deadlocks (40), and DuckDB's transaction conflicts and I/O errors.
     * Everything else (syntax, schema, authentication 28, data) is fatal: the same batch would fail again.
     */
    static boolean retriable(SQLException e) {
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
