package cinema.ugc.etl.internal;

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
 * The ETL's Micrometer meters, registered on the registry passed in (Prometheus in production). Lag is computed on
 * the consumer thread and only read here, because a KafkaConsumer must not be touched from another thread.
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

    public EtlMetrics(MeterRegistry registry) {
        this.registry = registry;
        consumed = Counter.builder("ugc.etl.records.consumed").description("Records read from Kafka").register(registry);
        inserted = Counter.builder("ugc.etl.rows.inserted").description("Rows written to the store (re-writes after a crash count again)").register(registry);
        deadLettered = Counter.builder("ugc.etl.records.dead.lettered").description("Poison records sent to the dead-letter topic").register(registry);
        storeFailures = Counter.builder("ugc.etl.store.failures").description("Failed store or dead-letter writes (each followed by a back-off)").register(registry);
        batchSize = DistributionSummary.builder("ugc.etl.batch.size").description("Records per delivered batch").register(registry);
        insertLatency = Timer.builder("ugc.etl.insert.latency").description("Duration of one store write").publishPercentileHistogram().register(registry);
        freshness = Timer.builder("ugc.etl.event.freshness")
                .description("From the ingest API receiving an event (its received_at) until its row was written to the store")
                .publishPercentileHistogram().serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
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

    /** Sets a partition's lag (records between the consumer's position and the log end). */
    public void lag(int partition, long records) {
        if (lag.put(partition, records) == null) {
            Gauge.builder("ugc.etl.consumer.lag", lag, m -> m.getOrDefault(partition, 0L))
                    .description("Records not yet consumed, per partition").tag("partition", Integer.toString(partition))
                    .register(registry);
        }
    }

    void forget(java.util.Collection<Integer> partitions) {
        partitions.forEach(p -> lag.replace(p, 0L));
    }

    public Map<Integer, Long> lagByPartition() {
        return Map.copyOf(lag);
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
