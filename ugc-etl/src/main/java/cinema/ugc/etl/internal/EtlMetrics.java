package cinema.ugc.etl.internal;

import cinema.ugc.store.DedupWindow;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.StoredEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The ETL's Micrometer meters, registered on the registry passed in (Prometheus in production). The lag is the
 * group's, read from the brokers by the {@link LagMonitor} and only kept here.
 */
public final class EtlMetrics {
    private final MeterRegistry registry;
    private final Counter consumed;
    private final Counter inserted;
    private final Counter deadLettered;
    private final Counter storeFailures;
    private final DistributionSummary batchSize;
    private final Timer insertLatency;
    private final Timer freshness;
    private final Map<Integer, Long> lag = new ConcurrentHashMap<>();
    private volatile boolean lagKnown;

    public EtlMetrics(MeterRegistry registry) {
        this.registry = registry;
        consumed = Counter.builder("ugc.etl.records.consumed")
                .description("Records read from Kafka")
                .register(registry);
        inserted = Counter.builder("ugc.etl.rows.inserted")
                .description("Rows written to the store (re-writes after a crash count again)")
                .register(registry);
        deadLettered = Counter.builder("ugc.etl.records.dead.lettered")
                .description("Poison records sent to the dead-letter topic")
                .register(registry);
        storeFailures = Counter.builder("ugc.etl.store.failures")
                .description("Failed store or dead-letter writes (each followed by a back-off)")
                .register(registry);
        batchSize = DistributionSummary.builder("ugc.etl.batch.size")
                .description("Records per delivered batch")
                .register(registry);
        insertLatency = Timer.builder("ugc.etl.insert.latency")
                .description("Duration of one store write")
                .publishPercentileHistogram()
                .register(registry);
        freshness = Timer.builder("ugc.etl.event.freshness")
                .description(
                        "From the ingest API receiving an event (its received_at) until its row was written to the store")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    /**
     * Gauges of the memory the store holds to drop copies, when it holds any (ClickHouse's window of recent
     * identities): the identities in it and the heap of its arrays, read from the store at each scrape.
     */
    public void dedupWindow(EventStore store) {
        if (store.dedupWindow().isEmpty()) {
            return;
        }
        Gauge.builder("ugc.etl.dedup.window.identities", store, s -> windowOf(s).identities())
                .strongReference(true)
                .description("Identities (user_id, event_id) the store holds in memory to drop re-sent copies, over "
                        + "this process's partitions (UGC_CLICKHOUSE_DEDUP_WINDOW)")
                .register(registry);
        Gauge.builder("ugc.etl.dedup.window", store, s -> windowOf(s).bytes())
                .baseUnit("bytes")
                .strongReference(true)
                .description("Heap of the arrays holding the store's deduplication window")
                .register(registry);
    }

    private static DedupWindow windowOf(EventStore store) {
        return store.dedupWindow().orElse(new DedupWindow(0, 0));
    }

    public void consumed(int n) {
        consumed.increment(n);
    }

    void inserted(int rows, Duration took) {
        inserted.increment(rows);
        insertLatency.record(took);
    }

    /**
     * Records each written row's freshness: {@code writtenAt} minus its {@code received_at}. Both clocks are the
     * hosts' wall clocks, so across machines the figure is only as good as their time sync. Rows written again after
     * a crash count again, with their (large) age then.
     *
     * @param rejected rows the store refused; an identity set, since hashing a record would hash the whole event
     */
    void written(List<StoredEvent> rows, Set<StoredEvent> rejected, Instant writtenAt) {
        long at = writtenAt.toEpochMilli();
        for (StoredEvent row : rows) {
            if (!rejected.contains(row)) {
                freshness.record(Math.max(0, at - row.event().receivedAt().toEpochMilli()), TimeUnit.MILLISECONDS);
            }
        }
    }

    void deadLettered(int n) {
        deadLettered.increment(n);
    }

    void delivered(int batchRecords) {
        batchSize.record(batchRecords);
    }

    void failed() {
        storeFailures.increment();
    }

    /**
     * Sets the group's lag on every partition of the topic (committed offset to log end); a partition missing from
     * {@code byPartition} keeps its gauge at its last figure only until the next reading that has it.
     */
    public void lag(Map<Integer, Long> byPartition) {
        byPartition.forEach((partition, records) -> {
            if (lag.put(partition, records) == null) {
                Gauge.builder("ugc.etl.consumer.lag", this, m -> m.lagOf(partition))
                        .description("Records of the partition not yet stored: the ETL group's committed offset to the "
                                + "log end, whichever consumer holds the partition (NaN while unknown)")
                        .tag("partition", Integer.toString(partition))
                        .register(registry);
            }
        });
        lagKnown = true;
    }

    /** The brokers have not answered for a while: the lag is unknown until the next reading. */
    void lagUnknown() {
        lagKnown = false;
    }

    private double lagOf(int partition) {
        return lagKnown ? lag.getOrDefault(partition, 0L) : Double.NaN;
    }

    /** The last lag reading per partition, or null while the lag is unknown (not read yet, or the brokers silent). */
    public Map<Integer, Long> lagByPartition() {
        return lagKnown ? Map.copyOf(lag) : null;
    }

    public long consumedTotal() {
        return (long) consumed.count();
    }

    public long insertedTotal() {
        return (long) inserted.count();
    }

    public long deadLetteredTotal() {
        return (long) deadLettered.count();
    }
}
