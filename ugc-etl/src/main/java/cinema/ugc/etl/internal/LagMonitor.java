package cinema.ugc.etl.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the group's lag on its own thread every {@code interval} and keeps the last reading in the meters, so a
 * status request or a scrape never waits for a broker. Each read is bounded by the reader's own timeout; when reads
 * keep failing for {@code staleAfter}, the lag is reported as unknown rather than as an old figure.
 */
public final class LagMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LagMonitor.class);

    private final Supplier<Map<Integer, Long>> reader;
    private final EtlMetrics metrics;
    private final Duration interval;
    private final Duration staleAfter;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ugc-etl-lag");
        t.setDaemon(true);
        return t;
    });
    /** The last answer, or the start: the lag turns unknown {@code staleAfter} after it. */
    private Instant lastAnswer;

    private boolean unknown;

    /** @param reader the lag per partition, or an exception when the brokers do not answer in time */
    public LagMonitor(
            Supplier<Map<Integer, Long>> reader,
            EtlMetrics metrics,
            Duration interval,
            Duration staleAfter,
            Clock clock) {
        this.reader = reader;
        this.metrics = metrics;
        this.interval = interval;
        this.staleAfter = staleAfter;
        this.clock = clock;
        this.lastAnswer = clock.instant();
    }

    /** Reads at once, then every {@code interval} after the previous read ended. */
    public void start() {
        lastAnswer = clock.instant();
        scheduler.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One read; public for tests that drive the monitor without its thread. */
    public void refresh() {
        try {
            metrics.lag(reader.get());
            lastAnswer = clock.instant();
            if (unknown) {
                log.info("the ETL group's lag is known again");
                unknown = false;
            }
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // closing
            }
            log.debug("cannot read the ETL group's lag: {}", e.getMessage());
            if (!clock.instant().isBefore(lastAnswer.plus(staleAfter))) {
                metrics.lagUnknown();
                if (!unknown) {
                    log.warn(
                            "the ETL group's lag is unknown: no answer from the brokers for {} ({})",
                            staleAfter,
                            e.getMessage());
                    unknown = true;
                }
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
