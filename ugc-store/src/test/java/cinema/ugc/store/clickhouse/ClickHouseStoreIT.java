package cinema.ugc.store.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.Event;
import cinema.ugc.model.config.Env;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStoreContract;
import cinema.ugc.store.EventStores;
import cinema.ugc.store.ReferenceQueries;
import cinema.ugc.store.StoreException;
import cinema.ugc.store.StoreSettings;
import cinema.ugc.store.StoredEvent;
import cinema.ugc.store.TestEvents;
import cinema.ugc.testkit.ClickHouseServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickHouseStoreIT extends EventStoreContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    @TempDir
    static Path tmp;
    static ClickHouseServer server;
    private EventStore store;
    private String db;

    @BeforeAll
    static void startServer() {
        server = ClickHouseServer.start(tmp);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Settings for {@code server}, one database per test so tests never see each other's rows. */
    static StoreSettings settings(String database, String user) {
        return StoreSettings.from(Env.of(Map.of("UGC_STORE", "clickhouse", "UGC_CLICKHOUSE_URL", server.httpUrl(),
                "UGC_CLICKHOUSE_DATABASE", database, "UGC_CLICKHOUSE_USER", user)));
    }

    @BeforeEach
    void open() {
        db = "ugc_test_" + DATABASES.incrementAndGet();
        store = EventStores.open(settings(db, "default"));
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
    void schemaIsWhatTheDocsSay() {
        assertTrue(store.describe().startsWith("ClickHouse 18.16"), store.describe());
        String create = server.sql("SHOW CREATE TABLE " + db + ".events");
        assertTrue(create.contains("ReplacingMergeTree"), create);
        assertTrue(create.contains("PARTITION BY toYYYYMM(event_time) ORDER BY (action, film_id, user_id, event_time, event_id)"),
                create);
        assertEquals("1\n", server.sql("SELECT count() FROM " + db + ".schema_migrations FINAL"));
    }

    @Test
    void duplicatesStayExactAfterMerges() {
        var events = TestEvents.generate(500, 9);
        store.write(events);
        store.write(events);
        assertEquals("1000\n", server.sql("SELECT count() FROM " + db + ".events"));
        assertEquals(500, store.queries().countEvents());
        server.sql("OPTIMIZE TABLE " + db + ".events FINAL");
        assertEquals(500, store.queries().countEvents());
    }

    @Test
    void aUsersEventListShowsOneCopyOfEachEventBeforeAnyMerge() {
        var first = TestEvents.generate(500, 11);
        store.write(first);
        // a client re-send: same events, received again a minute later, in another Kafka record
        var resent = first.stream().map(se -> {
            Event e = se.event();
            return new StoredEvent(new Event(e.eventId(), e.userId(), e.action(), e.filmId(), e.description(),
                    e.eventTime(), e.startTime(), e.endTime(), e.properties(), e.receivedAt().plusSeconds(60)),
                    se.partition(), se.offset() + 1_000);
        }).toList();
        store.write(resent);
        assertEquals("1000\n", server.sql("SELECT count() FROM " + db + ".events"), "two copies of each, unmerged");
        List<Event> expected = new ReferenceQueries(resent).userEvents("user-3", TestEvents.END, 1000);
        assertFalse(expected.isEmpty());
        assertEquals(expected, store.queries().userEvents("user-3", TestEvents.END, 1000), "the latest-received copy, once");
    }

    @Test
    void serverDownIsRetriableAndWritesResumeAfterRestart() {
        server.stop();
        try {
            StoreException e = assertThrows(StoreException.class, () -> store.write(TestEvents.generate(5, 10)));
            assertTrue(e.retriable(), e.getMessage());
            assertTrue(assertThrows(StoreException.class, () -> store.queries().countEvents()).retriable());
        } finally {
            server.restart();
        }
        store.write(TestEvents.generate(5, 10));
        assertEquals(5, store.queries().countEvents());
    }

    @Test
    void unknownUserAndMissingSchemaAreFatal() {
        try (EventStore stranger = EventStores.open(settings(db, "nobody"))) {
            StoreException e = assertThrows(StoreException.class, stranger::migrate);
            assertFalse(e.retriable(), e.getMessage());
        }
        try (EventStore unmigrated = EventStores.open(settings("no_such_db", "default"))) {
            StoreException e = assertThrows(StoreException.class, () -> unmigrated.write(TestEvents.generate(1, 1)));
            assertFalse(e.retriable(), e.getMessage());
        }
    }
}
