package cinema.ugc.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStoreContract;
import cinema.ugc.store.EventStores;
import cinema.ugc.store.QuerySuite;
import cinema.ugc.store.ReferenceQueries;
import cinema.ugc.store.StoreSettings;
import cinema.ugc.store.StoredEvent;
import cinema.ugc.store.TestEvents;
import java.nio.file.Path;
import java.util.List;
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
     * The appender flushes every 2,048 rows on its own: here the key refuses the batch after thousands of its rows were
     * appended, and none of them may stay, nor may any of the batch be lost.
     */
    @Test
    void aBatchRefusedMidwayIsMergedWhole() {
        List<StoredEvent> events = TestEvents.generate(7000, 6);
        store.write(events.subList(5000, 6000));
        store.write(events);
        assertEquals(7000, store.queries().countEvents());
        assertEquals(QuerySuite.run(new ReferenceQueries(events)), QuerySuite.run(store.queries()));
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
