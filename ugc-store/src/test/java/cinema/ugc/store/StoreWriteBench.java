package cinema.ugc.store;

import java.util.List;
import java.util.Locale;

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
        try (BenchServers servers = BenchServers.start("ugc-bench-")) {
            for (String name : stores) {
                measure(servers.settings(name), events, batch);
            }
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
                    BenchServers.loadAverage());
        }
    }
}
