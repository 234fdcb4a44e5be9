package cinema.ugc.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.Event;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStoreContract;
import cinema.ugc.store.EventStores;
import cinema.ugc.store.QuerySuite;
import cinema.ugc.store.ReferenceQueries;
import cinema.ugc.store.StoreSettings;
import cinema.ugc.store.StoredEvent;
import cinema.ugc.store.TestEvents;
import cinema.ugc.store.internal.Identities;
import cinema.ugc.store.internal.JdbcMigrator;
import com.carrotsearch.hppc.BitMixer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbStoreTest extends EventStoreContract {
    @TempDir
    Path dir;

    private EventStore store;

    @BeforeEach
    void open() {
        store = EventStores.open(StoreSettings.duckdb(dir.resolve("sub/ugc.duckdb")));
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
    void dataSurvivesReopening() {
        store.write(TestEvents.generate(100, 4));
        store.close();
        store = EventStores.open(StoreSettings.duckdb(dir.resolve("sub/ugc.duckdb")));
        store.migrate();
        assertEquals(100, store.queries().countEvents());
        assertTrue(store.describe().startsWith("DuckDB v1.4"), store.describe());
    }

    /**
     * Thousands of new rows around a thousand stored ones, across the appender's own 2,048-row flushes: the stored ones
     * are dropped, none of the rest is lost.
     */
    @Test
    void aBatchRepeatingStoredIdsMidwayStoresOnlyTheNewOnes() {
        List<StoredEvent> events = TestEvents.generate(7000, 6);
        store.write(events.subList(5000, 6000));
        store.write(events);
        assertEquals(7000, store.queries().countEvents());
        assertEquals(QuerySuite.run(new ReferenceQueries(events)), QuerySuite.run(store.queries()));
    }

    /** The fingerprints of stored ids are rebuilt from the file, so a batch re-delivered after a restart is dropped. */
    @Test
    void aBatchRewrittenAfterReopeningChangesNothing() {
        List<StoredEvent> events = TestEvents.generate(3000, 8);
        store.write(events.subList(0, 2000));
        store.close();
        store = EventStores.open(StoreSettings.duckdb(dir.resolve("sub/ugc.duckdb")));
        store.migrate();
        store.write(events.subList(1000, 3000));
        assertEquals(3000, store.queries().countEvents());
        assertEquals(QuerySuite.run(new ReferenceQueries(events)), QuerySuite.run(store.queries()));
    }

    /**
     * An identity whose fingerprint equals a stored one's is looked up and, not being stored, kept. Fingerprints are
     * not cryptographic, so such ids can be made: for one user, the same mixed low half, xor-ed into the high half,
     * gives the same value.
     */
    @Test
    void anIdSharingAStoredIdsFingerprintIsStillStored() {
        List<StoredEvent> events = TestEvents.generate(2, 9);
        StoredEvent stored = events.get(0);
        UUID a = stored.event().eventId();
        long otherLow = a.getLeastSignificantBits() + 1;
        UUID b = new UUID(
                a.getMostSignificantBits() ^ BitMixer.mix64(a.getLeastSignificantBits()) ^ BitMixer.mix64(otherLow),
                otherLow);
        String user = stored.event().userId();
        assertEquals(Identities.fingerprint(user, a), Identities.fingerprint(user, b));
        assertNotEquals(a, b);
        Event lookalike = events.get(1).event();
        StoredEvent twin = new StoredEvent(
                new Event(
                        b,
                        user,
                        lookalike.action(),
                        lookalike.filmId(),
                        lookalike.description(),
                        lookalike.eventTime(),
                        lookalike.startTime(),
                        lookalike.endTime(),
                        lookalike.properties(),
                        lookalike.receivedAt()),
                1,
                1);

        store.write(List.of(stored));
        store.write(List.of(twin, stored));
        assertEquals(2, store.queries().countEvents());
        assertEquals(QuerySuite.run(new ReferenceQueries(List.of(stored, twin))), QuerySuite.run(store.queries()));
    }

    /**
     * Rows received shortly before a suspect are searched first; a copy re-sent long after its first one is found in
     * the whole table.
     */
    @Test
    void aCopyReSentLongAfterItsFirstIsStillDropped() {
        List<StoredEvent> events = TestEvents.generate(50, 15);
        store.write(events);
        Event first = events.get(7).event();
        Event late = new Event(
                first.eventId(),
                first.userId(),
                first.action(),
                first.filmId(),
                first.description(),
                first.eventTime(),
                first.startTime(),
                first.endTime(),
                first.properties(),
                first.receivedAt().plus(DuckDbDuplicates.RECENT.multipliedBy(3)));
        StoredEvent fresh = TestEvents.generate(51, 16).get(50);
        store.write(List.of(new StoredEvent(late, 3, 999), fresh));
        assertEquals(51, store.queries().countEvents());
        List<StoredEvent> expected = new ArrayList<>(events);
        expected.add(fresh);
        assertEquals(QuerySuite.run(new ReferenceQueries(expected)), QuerySuite.run(store.queries()));
    }

    /** Copies of one id in different partitions, written by two threads at once (the ETL's consumers), count once. */
    @Test
    void concurrentWritersSharingIdsStoreEachOnce() throws Exception {
        List<StoredEvent> events = TestEvents.generate(20_000, 10);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int partition = 0; partition < 2; partition++) {
                int p = partition;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < events.size(); i += 1000) {
                        store.write(events.subList(i, i + 1000).stream()
                                .map(e -> new StoredEvent(e.event(), p, e.offset()))
                                .toList());
                    }
                }));
            }
            for (Future<?> w : writers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(20_000, store.queries().countEvents());
        assertEquals(QuerySuite.run(new ReferenceQueries(events)), QuerySuite.run(store.queries()));
    }

    /** A file made before version 2 (keyed table) keeps its rows and loses its key. */
    @Test
    void aVersionOneFileIsMigrated() throws Exception {
        store.close();
        Path old = dir.resolve("old.duckdb");
        List<StoredEvent> events = TestEvents.generate(500, 13);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + old)) {
            JdbcMigrator.apply(c, DuckDbSchema.MIGRATIONS.subList(0, 1), null);
        }
        store = EventStores.open(StoreSettings.duckdb(old));
        store.write(events.subList(0, 300)); // the keyed table takes the first rows...
        store.migrate();
        store.write(events); // ...which the unkeyed one keeps, and drops as stored here
        assertEquals(500, store.queries().countEvents());
        assertEquals(QuerySuite.run(new ReferenceQueries(events)), QuerySuite.run(store.queries()));
        store.close();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + old);
                Statement s = c.createStatement()) {
            assertEquals(2L, single(s, "SELECT max(version) FROM schema_migrations"));
            assertEquals(
                    0L,
                    single(
                            s,
                            "SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'events' "
                                    + "AND constraint_type = 'PRIMARY KEY'"));
        }
        store = EventStores.open(StoreSettings.duckdb(old));
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void readsWhileAnotherThreadWrites() throws Exception {
        List<StoredEvent> events = TestEvents.generate(10_000, 5);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < events.size(); i += 1000) {
                    store.write(events.subList(i, i + 1000));
                }
            });
            Future<Long> reader = pool.submit(() -> {
                long torn = 0;
                while (!writer.isDone()) {
                    torn += store.queries().countEvents() % 1000; // a batch is visible whole or not at all
                    store.queries().userEvents("user-1", TestEvents.END, 10);
                }
                return torn;
            });
            writer.get();
            assertEquals(0L, reader.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(10_000, store.queries().countEvents());
    }
}
