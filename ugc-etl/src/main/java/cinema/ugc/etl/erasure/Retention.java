package cinema.ugc.etl.erasure;

import cinema.ugc.kafka.erasure.PrivacySettings;
import cinema.ugc.store.EventEraser;
import cinema.ugc.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies UGC_RETENTION in the ETL process: at start and then every UGC_RETENTION_EVERY, removes the events whose
 * {@code event_time} is older than the retention. Removal is idempotent, so two ETL processes doing it at once, or a
 * run repeated, remove nothing more; a failed run is simply retried at the next one.
 */
public final class Retention implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final EventEraser eraser;
    private final Duration keep;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    private Retention(EventEraser eraser, Duration keep, Clock clock, ScheduledExecutorService timer) {
        this.eraser = eraser;
        this.keep = keep;
        this.clock = clock;
        this.timer = timer;
    }

    /** Starts the periodic removal; with no retention configured, returns one that does nothing. */
    public static Retention start(EventEraser eraser, PrivacySettings settings, Clock clock) {
        if (settings.retention().isEmpty()) {
            return new Retention(eraser, null, clock, null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ugc-retention");
            t.setDaemon(true);
            return t;
        });
        Retention retention = new Retention(eraser, settings.retention().get(), clock, timer);
        long every = settings.retentionEvery().toMillis();
        timer.scheduleWithFixedDelay(retention::runOnce, 0, every, TimeUnit.MILLISECONDS);
        LOG.info("retention: events older than {} are removed every {}", keep(settings), settings.retentionEvery());
        return retention;
    }

    private static Duration keep(PrivacySettings s) {
        return s.retention().orElseThrow();
    }

    /** One removal; the rows removed, or -1 when it failed (logged; the next run retries). */
    public long runOnce() {
        Instant cutoff = clock.instant().minus(keep);
        try {
            long rows = eraser.removeOlderThan(cutoff);
            LOG.info("retention: {} row(s) with event_time before {} removed", rows, cutoff);
            return rows;
        } catch (StoreException e) {
            LOG.warn("retention run failed (retried next time): {}", e.getMessage());
            return -1;
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
