package cinema.ugc.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How long {@link EventEraser#erase} takes per store at a given size: N generated events (default 1,000,000; 40
 * users, so one user is 1/40 of the rows), then one user alone, ten users one call each, and ten other users in one
 * call (how the ETL batches erasures that arrive together). Not a test: run it by hand (see docs/benchmarks.md).
 * Arguments: [rows] [stores: duckdb,clickhouse,postgres].
 */
public final class ErasureBench {
    private ErasureBench() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<String> stores = List.of((args.length > 1 ? args[1] : "duckdb,clickhouse,postgres").split(","));
        List<StoredEvent> events = TestEvents.generate(rows, 7);
        try (BenchServers servers = BenchServers.start("ugc-erasure-bench-")) {
            for (String name : stores) {
                measure(servers.settings(name), events);
            }
        }
    }

    private static void measure(StoreSettings settings, List<StoredEvent> events) {
        try (EventStore store = EventStores.open(settings)) {
            store.migrate();
            for (int i = 0; i < events.size(); i += 10_000) {
                store.write(events.subList(i, Math.min(i + 10_000, events.size())));
            }
            Instant all = TestEvents.END.plusSeconds(86_400);
            EventEraser eraser = store.eraser();
            long t0 = System.nanoTime();
            long one = sum(eraser.erase(Map.of("user-0", all)));
            long t1 = System.nanoTime();
            long separately = 0;
            for (int u = 1; u <= 10; u++) {
                separately += sum(eraser.erase(Map.of("user-" + u, all)));
            }
            long t2 = System.nanoTime();
            Map<String, Instant> ten = new HashMap<>();
            for (int u = 11; u <= 20; u++) {
                ten.put("user-" + u, all);
            }
            long together = sum(eraser.erase(ten));
            long t3 = System.nanoTime();
            System.out.printf(
                    "%s, %,d rows: 1 user %,d rows in %.2f s; 10 users one call each %,d rows in %.2f s; "
                            + "10 users in one call %,d rows in %.2f s (load average %s)%n",
                    store.describe(),
                    events.size(),
                    one,
                    (t1 - t0) / 1e9,
                    separately,
                    (t2 - t1) / 1e9,
                    together,
                    (t3 - t2) / 1e9,
                    BenchServers.loadAverage());
        }
    }

    private static long sum(Map<String, Long> removed) {
        return removed.values().stream().mapToLong(Long::longValue).sum();
    }
}
