package cinema.ugc.store;

import cinema.ugc.model.config.Env;
import cinema.ugc.ops.servers.ClickHouseServer;
import cinema.ugc.ops.servers.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.io.file.PathUtils;

/**
 * Raw {@link EventStore#write} throughput per store: N generated events (default 1,000,000) in batches (default
 * 10,000) into a fresh, migrated store on private servers. Not a test: run it by hand (see docs/benchmarks.md).
 * Arguments: [rows] [batch] [stores: duckdb,clickhouse,postgres].
 */
public final class StoreWriteBench {
    private StoreWriteBench() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        List<String> stores = List.of((args.length > 2 ? args[2] : "duckdb,clickhouse,postgres").split(","));
        List<StoredEvent> events = TestEvents.generate(rows, 7);
        Path tmp = Files.createTempDirectory("ugc-bench-");
        try (ClickHouseServer ch = ClickHouseServer.start(tmp);
                PostgresServer pg = PostgresServer.start(tmp)) {
            Map<String, StoreSettings> settings = Map.of(
                    "duckdb", StoreSettings.duckdb(tmp.resolve("bench.duckdb")),
                    "clickhouse",
                            StoreSettings.from(
                                    Env.of(Map.of("UGC_STORE", "clickhouse", "UGC_CLICKHOUSE_URL", ch.httpUrl()))),
                    "postgres",
                            StoreSettings.from(
                                    Env.of(Map.of("UGC_STORE", "postgres", "UGC_POSTGRES_URL", pg.jdbcUrl()))));
            for (String name : stores) {
                measure(settings.get(name), events, batch);
            }
        } finally {
            PathUtils.deleteDirectory(tmp);
        }
    }

    /** The machine is shared: the 1-minute load average says how much of it the run had. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void measure(StoreSettings settings, List<StoredEvent> events, int batch) {
        try (EventStore store = EventStores.open(settings)) {
            store.migrate();
            store.write(events.subList(0, Math.min(batch, events.size()))); // warm-up batch, re-written below
            long start = System.nanoTime();
            for (int i = 0; i < events.size(); i += batch) {
                store.write(events.subList(i, Math.min(i + batch, events.size())));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%-20s %,d rows in %,d-row batches: %.1f s, %,.0f rows/s (count %,d; " + "load average %s)%n",
                    store.describe().split(" \\(")[0],
                    events.size(),
                    batch,
                    seconds,
                    events.size() / seconds,
                    store.queries().countEvents(),
                    loadAverage());
        }
    }
}
