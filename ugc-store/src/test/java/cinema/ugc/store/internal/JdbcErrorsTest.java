package cinema.ugc.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.store.StoreException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class JdbcErrorsTest {
    /** HikariCP's timeout for a connection it could not make, carrying the driver's error as its cause. */
    private static SQLTransientConnectionException poolTimeout(SQLException cause) {
        return new SQLTransientConnectionException(
                "ugc-postgres - Connection is not available, request timed out " + "after 5000ms",
                cause == null ? null : cause.getSQLState(),
                cause);
    }

    @Test
    void aConnectionThePoolCouldNotMakeIsClassifiedByTheDriversError() {
        StoreException refused =
                JdbcErrors.classify("PostgreSQL", poolTimeout(new SQLException("Connection refused", "08001")));
        assertTrue(refused.retriable());
        assertEquals(
                "PostgreSQL: ugc-postgres - Connection is not available, request timed out after 5000ms "
                        + "(Connection refused)",
                refused.getMessage());
        assertFalse(JdbcErrors.classify(
                        "PostgreSQL", poolTimeout(new SQLException("password authentication failed", "28P01")))
                .retriable());
        assertFalse(JdbcErrors.classify(
                        "PostgreSQL", poolTimeout(new SQLException("database \"x\" does not exist", "3D000")))
                .retriable());
    }

    @Test
    void aPoolWithEveryConnectionBusyIsWorthRetrying() {
        assertTrue(JdbcErrors.classify("PostgreSQL", poolTimeout(null)).retriable());
    }
}
