package cinema.ugc.store.postgres;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.Event;
import cinema.ugc.ops.servers.PostgresServer;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStoreContract;
import cinema.ugc.store.StoreException;
import cinema.ugc.store.StoredEvent;
import cinema.ugc.store.TestEvents;
import cinema.ugc.store.internal.JdbcMigrator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private String database;
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
        database = "ugc_test_" + DATABASES.incrementAndGet();
        String url = createDatabase(server, database);
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
            old.write(events.stream()
                    .map(e -> new StoredEvent(
                            new Event(
                                    e.event().eventId(),
                                    "another-user",
                                    e.event().action(),
                                    e.event().filmId(),
                                    e.event().description(),
                                    e.event().eventTime(),
                                    e.event().startTime(),
                                    e.event().endTime(),
                                    e.event().properties(),
                                    e.event().receivedAt()),
                            e.partition(),
                            e.offset() + 1000))
                    .toList());
            assertEquals(201, old.queries().countEvents());
        }
        try (Connection c = DriverManager.getConnection(url, server.user(), "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT pg_get_constraintdef(oid) FROM pg_constraint " + "WHERE conname = 'events_pkey'")) {
            assertTrue(rs.next());
            assertEquals("PRIMARY KEY (user_id, event_id)", rs.getString(1));
        }
    }

    /** More concurrent calls than the pool holds: every one is served, on at most the pool's connections. */
    @Test
    void thePoolIsBoundedAndServesEveryCaller() throws Exception {
        int callers = 3 * PostgresPool.MAX_CONNECTIONS;
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                List<StoredEvent> batch = TestEvents.generate(50, 1000 + i);
                writes.add(threads.submit(() -> store.write(batch)));
            }
            for (Future<?> w : writes) {
                w.get(1, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(callers * 50L, store.queries().countEvents());
        assertTrue(sessionsOfThisStore() <= PostgresPool.MAX_CONNECTIONS, "sessions: " + sessionsOfThisStore());
    }

    /** Pooled connections the server has dropped are found invalid and replaced: the next call just works. */
    @Test
    void connectionsDroppedByTheServerAreReplaced() throws SQLException {
        store.write(TestEvents.generate(10, 1));
        assertTrue(sessionsOfThisStore("pg_terminate_backend(pid)") > 0, "the pool kept a connection");
        // HikariCP checks a connection before reuse once it has been idle for 0.5 s (one used more recently is
        // trusted), so the next call comes at least that late
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> sessionsOfThisStore() == 0);
        assertEquals(10, store.queries().countEvents());
    }

    private long sessionsOfThisStore() throws SQLException {
        return sessionsOfThisStore("1");
    }

    /** Counts the server sessions of this test's store, calling {@code perSession} on each. */
    private long sessionsOfThisStore(String perSession) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(" + perSession + ") FROM pg_stat_activity "
                        + "WHERE application_name = 'ugc' AND datname = '" + database + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Two processes' stores migrate one empty database at once: both succeed, each version is applied once. */
    @Test
    void concurrentMigratorsAgree() throws Exception {
        String url = createDatabase(server, "ugc_test_race_" + DATABASES.incrementAndGet());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (EventStore a = PostgresStore.open(url, server.user(), "");
                EventStore b = PostgresStore.open(url, server.user(), "")) {
            CountDownLatch start = new CountDownLatch(1);
            Future<?> first = threads.submit(() -> migrateAfter(start, a));
            Future<?> second = threads.submit(() -> migrateAfter(start, b));
            start.countDown();
            // get() rethrows either migrator's failure: neither can die unnoticed in its thread
            first.get(1, TimeUnit.MINUTES);
            second.get(1, TimeUnit.MINUTES);
            a.write(TestEvents.generate(10, 1));
            assertEquals(10, b.queries().countEvents());
        } finally {
            threads.shutdownNow();
        }
        try (Connection c = DriverManager.getConnection(url, server.user(), "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT version) FROM schema_migrations")) {
            assertTrue(rs.next());
            assertEquals(PostgresSchema.MIGRATIONS.size(), rs.getInt(1), "one row per migration");
            assertEquals(PostgresSchema.MIGRATIONS.size(), rs.getInt(2));
        }
    }

    private static Void migrateAfter(CountDownLatch start, EventStore store) throws InterruptedException {
        start.await();
        store.migrate();
        return null;
    }
}
