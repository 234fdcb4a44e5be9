package cinema.ugc.store.clickhouse;

import cinema.ugc.store.StoredEvent;
import cinema.ugc.store.TestEvents;
import cinema.ugc.store.internal.Identities;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * CPU the ClickHouse store's copy filter adds per written row, without a server: one copy per identity, the window's
 * check and its update, for new events (the common case: no look-up). A benchmark, not a test; numbers and command
 * in docs/benchmarks.md.
 *
 * <pre>mvn -B -q -pl ugc-store test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=cinema.ugc.store.clickhouse.DedupCostBench -Dexec.args="1000000 10000 5"</pre>
 */
public final class DedupCostBench {
    /** CPU time, not wall time: the machine is shared, and the filter runs on the writing thread alone. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private DedupCostBench() {}

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<StoredEvent> events = TestEvents.generate(rows, 1);
        for (int round = 0; round < rounds; round++) {
            RecentIdentities recent = new RecentIdentities(Duration.ofHours(1), new EmptyTable());
            long start = System.nanoTime();
            long cpuStart = CPU.getCurrentThreadCpuTime();
            long kept = 0;
            for (int i = 0; i < rows; i += batch) {
                List<StoredEvent> b = events.subList(i, Math.min(rows, i + batch));
                Identities.Unique unique = Identities.Unique.of(b);
                kept += recent.fresh(unique.rows(), unique.fingerprints()).size();
                recent.remember(unique.rows(), unique.fingerprints());
            }
            double nanos = System.nanoTime() - start;
            double cpu = CPU.getCurrentThreadCpuTime() - cpuStart;
            System.out.printf(
                    "round %d: %d rows kept, %.0f ns of CPU per row (%.0f ns wall), %.0f rows per " + "CPU-second%n",
                    round, kept, cpu / rows, nanos / rows, rows / cpu * 1e9);
        }
    }

    /** A table with nothing stored: every row is new, as in the steady state. */
    private static final class EmptyTable implements RecentIdentities.Table {
        @Override
        public List<RecentIdentities.Recent> recent(int partition, Duration window) {
            return List.of();
        }

        @Override
        public Set<Identities.Key> stored(Collection<Identities.Key> keys) {
            return Set.of();
        }

        @Override
        public long[] storedOffsets(int partition, long from) {
            return new long[0];
        }
    }
}
