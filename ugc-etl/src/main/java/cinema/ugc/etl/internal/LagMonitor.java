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
    private Instant lastRead;
    private boolean failing;

    /** @param reader the lag per partition, or an exception when the brokers do not answer in time */
    public LagMonitor(Supplier<Map<Integer, Long>> reader, EtlMetrics metrics, Duration interval, Duration staleAfter,
                      Clock clock) {
        this.reader = reader;
        this.metrics = metrics;
        this.interval = interval;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    /** Reads at once, then every {@code interval} after the previous read ended. */
    public void start() {
        scheduler.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One read; public for tests that drive the monitor without its thread. */
    public void refresh() {
        try {
            metrics.lag(reader.get());
            lastRead = clock.instant();
            if (failing) {
                log.info("reading the ETL group's lag again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("cannot read the ETL group's lag: {}", e.getMessage());
                failing = true;
            }
            if (lastRead == null || !clock.instant().isBefore(lastRead.plus(staleAfter))) {
                metrics.lagUnknown();
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
