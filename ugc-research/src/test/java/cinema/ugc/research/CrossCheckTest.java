package cinema.ugc.research;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.research.internal.DuckDbTarget;
import cinema.ugc.research.internal.Loader;
import cinema.ugc.research.internal.SyntheticDataSet;
import cinema.ugc.store.EventStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cross-check on two embedded DuckDB stores: equal data passes, one missing row fails loudly before any timing. */
class CrossCheckTest {
    private final SyntheticDataSet data = SyntheticDataSet.standard(3, 2_000);
    private final List<QuerySet.Query> queries =
            QuerySet.standard(data.from(), data.to(), "film-00001", "user-000001", "user-000010");
    private final BenchConfig config = new BenchConfig(
            2_000,
            3,
            List.of("a", "b"),
            1,
            1,
            List.of(1_000),
            1,
            1,
            1,
            1_000,
            100,
            100,
            Path.of("unused"),
            "test",
            null,
            false);

    @TempDir
    Path dir;

    @Test
    void equalStoresPassAndEveryQueryIsTimed() {
        Map<String, EventStore> stores = stores(2_000, 2_000);
        try {
            List<BenchResults.QueryResult> out = new ArrayList<>();
            Map<String, String> expected = QueryRunner.idle(queries, StorageBenchmark.readers(stores), config, out);
            assertEquals(queries.size(), expected.size());
            assertEquals(queries.size() * 2, out.size());
        } finally {
            stores.values().forEach(EventStore::close);
        }
    }

    @Test
    void aMissingRowFailsTheRunNamingTheQueryAndTheStores() {
        Map<String, EventStore> stores = stores(2_000, 1_999);
        try {
            CrossCheckException e = assertThrows(
                    CrossCheckException.class,
                    () -> QueryRunner.idle(queries, StorageBenchmark.readers(stores), config, new ArrayList<>()));
            assertTrue(
                    e.getMessage().contains("events_by_action")
                            && e.getMessage().contains("b disagrees with a"),
                    e.getMessage());
        } finally {
            stores.values().forEach(EventStore::close);
        }
    }

    private Map<String, EventStore> stores(long rowsA, long rowsB) {
        Map<String, EventStore> stores = new LinkedHashMap<>();
        stores.put("a", load(new DuckDbTarget(dir.resolve("a")), rowsA));
        stores.put("b", load(new DuckDbTarget(dir.resolve("b")), rowsB));
        return stores;
    }

    private EventStore load(DuckDbTarget target, long rows) {
        EventStore store = target.open("events");
        store.migrate();
        Loader.load(store, data.events(rows), rows, 1_000, n -> {});
        return store;
    }
}
