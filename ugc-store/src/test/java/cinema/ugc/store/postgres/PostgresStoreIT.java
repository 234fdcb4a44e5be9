package cinema.ugc.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.Event;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStoreContract;
import cinema.ugc.store.StoreException;
import cinema.ugc.store.StoredEvent;
import cinema.ugc.store.TestEvents;
import cinema.ugc.store.internal.JdbcMigrator;
import cinema.ugc.ops.servers.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    /** A version-1 table (keyed on event_id alone) keeps its rows and is keyed on (user_id, event_id) after. */
    @Test
    void aVersionOneTableIsMigrated() throws SQLException {
        String url = createDatabase(server, "ugc_test_v1_" + DATABASES.incrementAndGet());
        try (Connection c = DriverManager.getConnection(url, server.user(), "");
             Statement s = c.createStatement()) {
            JdbcMigrator.apply(c, PostgresSchema.MIGRATIONS.subList(0, 1), PostgresSchema.LOCK);
            s.execute("INSERT INTO events VALUES ('6f1c2a52-0d55-4b8e-9d8e-4a5b9a1f0001', 'old-user', 'VIEW', 'f', "
                    + "NULL, '2024-01-01 00:00:00', NULL, NULL, '{}', '2024-01-01 00:00:01', 0, 0)");
        }
        var events = TestEvents.generate(100, 5);
        try (EventStore old = PostgresStore.open(url, server.user(), "")) {
            old.migrate();
            old.write(events);
            old.write(events.stream().map(e -> new StoredEvent(new Event(e.event().eventId(), "another-user",
                    e.event().action(), e.event().filmId(), e.event().description(), e.event().eventTime(),
                    e.event().startTime(), e.event().endTime(), e.event().properties(), e.event().receivedAt()),
                    e.partition(), e.offset() + 1000)).toList());
            assertEquals(201, old.queries().countEvents());
        }
        try (Connection c = DriverManager.getConnection(url, server.user(), "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                     + "WHERE conname = 'events_pkey'")) {
            assertTrue(rs.next());
            assertEquals("PRIMARY KEY (user_id, event_id)", rs.getString(1));
        }
    }

    @Test
    void concurrentMigratorsAgree() throws Exception {
        // The other migrator's failure must fail the test: a plain Thread would let its exception die with it.
        CompletableFuture<Void> other = CompletableFuture.runAsync(store::migrate);
        store.migrate();
        other.get(1, TimeUnit.MINUTES);
        store.write(TestEvents.generate(10, 1));
        assertEquals(10, store.queries().countEvents());
    }
}
