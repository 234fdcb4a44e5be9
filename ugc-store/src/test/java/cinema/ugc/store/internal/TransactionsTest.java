package cinema.ugc.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class TransactionsTest {
    /** A connection that is gone: every call but setAutoCommit(false) fails as HikariCP's closed proxy does. */
    private static Connection lost() {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setAutoCommit") && Boolean.FALSE.equals(args[0])) {
                        return null;
                    }
                    throw new SQLException("Connection is closed");
                });
    }

    @Test
    void aFailedRollbackDoesNotHideTheWorksFailure() {
        SQLException lostMidway = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        SQLException thrown = assertThrows(
                SQLException.class,
                () -> Transactions.inTransaction(lost(), () -> {
                    throw lostMidway;
                }));
        assertSame(lostMidway, thrown, "the retriable cause, not the rollback's 'Connection is closed'");
        assertEquals("Connection is closed", thrown.getSuppressed()[0].getMessage());
    }
}
