package cinema.ugc.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStoreContract;
import cinema.ugc.store.StoreException;
import cinema.ugc.store.TestEvents;
import cinema.ugc.testkit.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresStoreIT extends EventStoreContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    @TempDir
    static Path tmp;
    static PostgresServer server;
    private EventStore store;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.start(tmp);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** A fresh empty database on {@code server}. */
    static String createDatabase(PostgresServer server, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return server.jdbcUrl(name);
    }

    @BeforeEach
    void open() throws SQLException {
        String url = createDatabase(server, "ugc_test_" + DATABASES.incrementAndGet());
        store = PostgresStore.open(url, server.user(), "");
        store.migrate();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    protected EventStore store() {
        return store;
    }

    @Test
    void describesItselfAndFailsClearly() {
        assertTrue(store.describe().startsWith("PostgreSQL 15"), store.describe());
        try (EventStore unmigrated = PostgresStore.open(server.jdbcUrl("postgres"), server.user(), "")) {
            StoreException e = assertThrows(StoreException.class, () -> unmigrated.write(TestEvents.generate(1, 1)));
            assertFalse(e.retriable(), e.getMessage());
        }
        try (EventStore nowhere = PostgresStore.open("jdbc:postgresql://127.0.0.1:1/x", "postgres", "")) {
            assertTrue(assertThrows(StoreException.class, nowhere::migrate).retriable());
        }
    }

    @Test
    void concurrentMigratorsAgree() throws Exception {
        Thread other = new Thread(store::migrate);
        other.start();
        store.migrate();
        other.join();
        store.write(TestEvents.generate(10, 1));
        assertEquals(10, store.queries().countEvents());
    }
}
