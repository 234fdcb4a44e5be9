package cinema.ugc.store.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.Event;
import cinema.ugc.model.config.Env;
import cinema.ugc.ops.servers.ClickHouseServer;
import cinema.ugc.store.DedupWindow;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStoreContract;
import cinema.ugc.store.EventStores;
import cinema.ugc.store.QuerySuite;
import cinema.ugc.store.ReferenceQueries;
import cinema.ugc.store.StoreException;
import cinema.ugc.store.StoreSettings;
import cinema.ugc.store.StoredEvent;
import cinema.ugc.store.TestEvents;
import java.nio.file.Path;
import java.time.ZoneOffset;
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
        return StoreSettings.from(Env.of(Map.of(
                "UGC_STORE",
                "clickhouse",
                "UGC_CLICKHOUSE_URL",
                server.httpUrl(),
                "UGC_CLICKHOUSE_DATABASE",
                database,
                "UGC_CLICKHOUSE_USER",
                user)));
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

    /**
     * ClickHouse closes an idle keep-alive connection after its keep_alive_timeout (3 s in 18.16's default config), and
     * the client's pool checks an idle connection only after 5 s: a query 3-5 s after the last one must not be sent
     * down the closed socket ("failed to respond" — it once stopped an ETL instance's start in the local cluster).
     */
    @Test
    void aQueryAfterTheServerClosedTheIdleConnectionIsAnswered() throws InterruptedException {
        store.describe();
        Thread.sleep(4_000);
        assertTrue(store.describe().startsWith("ClickHouse "));
        Thread.sleep(4_000);
        store.write(TestEvents.generate(10, 3)); // an insert's body is a stream the client cannot send twice
        assertEquals("10\n", server.sql("SELECT count() FROM " + db + ".events"));
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
        assertTrue(
                create.contains(
                        "PARTITION BY toYYYYMM(event_time) ORDER BY (action, film_id, user_id, event_time, event_id)"),
                create);
        assertEquals("2\n", server.sql("SELECT count() FROM " + db + ".schema_migrations FINAL"));
    }

    /** Re-delivered batches and client re-sends never reach the table, so a plain count (no FINAL) is exact. */
    @Test
    void copiesNeverReachTheTable() {
        var events = TestEvents.generate(500, 9);
        store.write(events);
        store.write(events);
        store.write(events.stream().map(se -> resent(se, 60)).toList());
        assertEquals("500\n", server.sql("SELECT count() FROM " + db + ".events"));
        assertEquals(500, store.queries().countEvents());
    }

    /**
     * A crash between an insert and its commit, in another process: the next owner of the partition reads the
     * offsets stored from the committed one on and drops the half of the batch that was stored (an insert spanning
     * two months commits one part per month, so half a batch can be stored) — even with received_at spread over weeks,
     * outside any window.
     */
    @Test
    void aNewOwnerOfAPartitionDropsWhatAnotherProcessStored() {
        var events = TestEvents.generate(900, 17).stream()
                .map(se -> new StoredEvent(
                        new Event(
                                se.event().eventId(),
                                se.event().userId(),
                                se.event().action(),
                                se.event().filmId(),
                                se.event().description(),
                                se.event().eventTime(),
                                se.event().startTime(),
                                se.event().endTime(),
                                se.event().properties(),
                                se.event().eventTime()),
                        se.partition(),
                        se.offset()))
                .toList();
        var uncommitted = events.subList(300, 900);
        try (EventStore previousOwner = EventStores.open(settings(db, "default"))) {
            previousOwner.write(events.subList(0, 300)); // and committed
            previousOwner.write(uncommitted.stream() // February's part of the next insert, then a crash
                    .filter(e -> e.event().eventTime().atZone(ZoneOffset.UTC).getMonthValue() == 2)
                    .toList());
        }
        store.partitionsAssigned(Map.of(0, 300L, 1, 300L, 2, 300L));
        store.write(uncommitted);
        assertEquals("900\n", server.sql("SELECT count() FROM " + db + ".events"));
        assertEquals(QuerySuite.run(new ReferenceQueries(events)), QuerySuite.run(store.queries()));
    }

    /** After an assignment the store forgets what it knew of the partition: another process may have written it. */
    @Test
    void anAssignmentRereadsWhatOtherProcessesWrote() {
        var events = TestEvents.generate(600, 18);
        store.write(events.subList(0, 100)); // this process knows partitions 0-2 now
        try (EventStore other = EventStores.open(settings(db, "default"))) {
            other.write(events.subList(100, 400)); // the partitions moved away and back
        }
        store.partitionsAssigned(Map.of(0, 0L, 1, 0L, 2, 0L));
        store.write(events);
        assertEquals("600\n", server.sql("SELECT count() FROM " + db + ".events"));
    }

    /**
     * A copy re-sent later than the deduplication window (1 h by default) after its first copy, once the partition
     * has moved on, is stored a second time: the documented limit. This one differs from its first copy in received_at
     * only, so the sort keys are equal and a merge collapses them.
     */
    @Test
    void aCopyReSentAfterTheWindowIsStoredAgainAndMergesAway() {
        var events = TestEvents.generate(50, 19);
        store.write(events);
        StoredEvent first = events.get(3);
        StoredEvent later = resent(TestEvents.generate(51, 20).get(50), 7200);
        store.write(List.of(new StoredEvent(later.event(), first.partition(), 5_000)));
        store.write(List.of(resent(first, 3 * 3600)));
        assertEquals("52\n", server.sql("SELECT count() FROM " + db + ".events"));
        server.sql("OPTIMIZE TABLE " + db + ".events FINAL");
        assertEquals(51, store.queries().countEvents());
    }

    /**
     * The deduplication window as the ETL's gauges read it: each identity written within the window once; a partition
     * forgotten on assignment and read back from the table on its next write. Below 1,024 identities a partition's
     * window keeps its initial arrays, so its bytes are those of an empty one.
     */
    @Test
    void theDedupWindowHoldsEachIdentityWrittenWithinItOnce() {
        var events = TestEvents.generate(600, 21); // received 100 ms apart over a minute, 200 per partition
        long partitionBytes = new PartitionWindow(
                        settings(db, "default").clickhouseDedupWindow().toMillis())
                .ramBytes();
        assertEquals(new DedupWindow(0, 0), store.dedupWindow().orElseThrow());
        store.write(events.subList(0, 400));
        store.write(events);
        assertEquals(
                new DedupWindow(600, 3 * partitionBytes), store.dedupWindow().orElseThrow());

        store.partitionsAssigned(Map.of(0, 600L));
        assertEquals(
                new DedupWindow(400, 2 * partitionBytes), store.dedupWindow().orElseThrow());
        store.write(events.subList(0, 3)); // copies: partition 0 is read back, nothing is inserted
        assertEquals(
                new DedupWindow(600, 3 * partitionBytes), store.dedupWindow().orElseThrow());
        assertEquals("600\n", server.sql("SELECT count() FROM " + db + ".events"));
    }

    @Test
    void aUsersEventListShowsTheFirstCopy() {
        var first = TestEvents.generate(500, 11);
        store.write(first);
        store.write(first.stream().map(se -> resent(se, 60)).toList());
        List<Event> expected = new ReferenceQueries(first).userEvents("user-3", TestEvents.END, 1000);
        assertFalse(expected.isEmpty());
        assertEquals(expected, store.queries().userEvents("user-3", TestEvents.END, 1000));
    }

    /** A client's re-send: the same event received again later, in a later Kafka record of the same partition. */
    private static StoredEvent resent(StoredEvent se, long seconds) {
        Event e = se.event();
        return new StoredEvent(
                new Event(
                        e.eventId(),
                        e.userId(),
                        e.action(),
                        e.filmId(),
                        e.description(),
                        e.eventTime(),
                        e.startTime(),
                        e.endTime(),
                        e.properties(),
                        e.receivedAt().plusSeconds(seconds)),
                se.partition(),
                se.offset() + 100_000);
    }

    @Test
    void serverDownIsRetriableAndWritesResumeAfterRestart() {
        server.stop();
        try {
            StoreException e = assertThrows(StoreException.class, () -> store.write(TestEvents.generate(5, 10)));
            assertTrue(e.retriable(), e.getMessage());
            assertTrue(assertThrows(StoreException.class, () -> store.queries().countEvents())
                    .retriable());
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
