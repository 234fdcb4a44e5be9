package cinema.ugc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.config.Env;
import cinema.ugc.ops.servers.ClickHouseServer;
import cinema.ugc.ops.servers.PostgresServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same deterministic events — three calendar months, duplicates re-written in later batches and inside a batch —
 * into DuckDB, ClickHouse 18.16 and PostgreSQL 15: every query answers the same, and equals the reference oracle.
 */
class CrossStoreIT {
    @TempDir
    Path tmp;

    @Test
    void everyStoreGivesTheSameAnswers() throws Exception {
        List<StoredEvent> events = TestEvents.generate(6000, 42);
        Map<String, Object> expected = QuerySuite.run(new ReferenceQueries(events));
        // empty answers everywhere would prove nothing about the filters
        assertTrue(
                IntStream.range(0, 6)
                                .filter(u -> !((List<?>) expected.get("userEvents progress of f u" + u)).isEmpty())
                                .count()
                        >= 3,
                "most users have progress events of their film");
        try (ClickHouseServer ch = ClickHouseServer.start(tmp);
                PostgresServer pg = PostgresServer.start(tmp)) {
            List<StoreSettings> all = List.of(
                    StoreSettings.duckdb(tmp.resolve("ugc.duckdb")),
                    settings(Map.of("UGC_STORE", "clickhouse", "UGC_CLICKHOUSE_URL", ch.httpUrl())),
                    settings(Map.of("UGC_STORE", "postgres", "UGC_POSTGRES_URL", pg.jdbcUrl())));
            for (StoreSettings s : all) {
                try (EventStore store = EventStores.open(s)) {
                    store.migrate();
                    writeWithRedeliveries(store, events);
                    assertEquals(6000, store.queries().countEvents(), store.describe());
                    assertEquals(expected, QuerySuite.run(store.queries()), store.describe());
                }
            }
        }
    }

    private static StoreSettings settings(Map<String, String> env) {
        return StoreSettings.from(Env.of(env));
    }

    /** Batches of 1000 as the ETL would write them, then a crash-style re-delivery of overlapping ranges. */
    private static void writeWithRedeliveries(EventStore store, List<StoredEvent> events) {
        for (int i = 0; i < 4000; i += 1000) {
            store.write(events.subList(i, i + 1000));
        }
        List<StoredEvent> redelivered = new ArrayList<>(events.subList(3500, 6000));
        redelivered.addAll(events.subList(5000, 5200));
        store.write(redelivered);
        store.write(events.subList(0, 1000));
    }
}
