package cinema.ugc.etl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/** The monitor keeps the last reading, and calls the lag unknown — not zero, not old — when the brokers stay silent. */
class LagMonitorTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EtlMetrics metrics = new EtlMetrics(registry);
    private final MutableClock clock = MutableClock.of(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);
    private final AtomicReference<Map<Integer, Long>> brokers = new AtomicReference<>();
    private final LagMonitor monitor =
            new LagMonitor(this::read, metrics, Duration.ofSeconds(1), Duration.ofSeconds(10), clock);

    private Map<Integer, Long> read() {
        Map<Integer, Long> answer = brokers.get();
        if (answer == null) {
            throw new IllegalStateException("brokers silent");
        }
        return answer;
    }

    @Test
    void unknownUntilTheFirstReading() {
        assertNull(metrics.lagByPartition());
        monitor.refresh();
        assertNull(metrics.lagByPartition(), "a failed first read leaves the lag unknown");
        brokers.set(Map.of(0, 5L, 1, 0L, 2, 7L));
        monitor.refresh();
        assertEquals(Map.of(0, 5L, 1, 0L, 2, 7L), metrics.lagByPartition());
        assertEquals(
                7.0,
                registry.get("ugc.etl.consumer.lag")
                        .tag("partition", "2")
                        .gauge()
                        .value());
        assertEquals(
                0.0,
                registry.get("ugc.etl.consumer.lag")
                        .tag("partition", "1")
                        .gauge()
                        .value(),
                "a partition whose lag is zero has a gauge too");
    }

    @Test
    void keepsTheLastReadingForAWhileThenReportsUnknown() {
        brokers.set(Map.of(0, 3L));
        monitor.refresh();
        brokers.set(null);
        clock.add(Duration.ofSeconds(9));
        monitor.refresh();
        assertEquals(Map.of(0, 3L), metrics.lagByPartition(), "one failed read keeps the recent figure");
        clock.add(Duration.ofSeconds(1));
        monitor.refresh();
        assertNull(metrics.lagByPartition(), "10 s without an answer: unknown");
        assertTrue(Double.isNaN(registry.get("ugc.etl.consumer.lag")
                .tag("partition", "0")
                .gauge()
                .value()));
        brokers.set(Map.of(0, 0L));
        monitor.refresh();
        assertEquals(Map.of(0, 0L), metrics.lagByPartition(), "known again with the next answer");
    }

    @Test
    void aFailingFirstReadKeepsTheLagUnknownNotZero() {
        monitor.refresh();
        clock.add(Duration.ofSeconds(10));
        monitor.refresh();
        assertNull(metrics.lagByPartition());
        assertTrue(registry.find("ugc.etl.consumer.lag").gauges().isEmpty(), "no partition figure was ever read");
    }
}
