package cinema.ugc.etl.erasure;

import cinema.ugc.etl.internal.Backoff;
import cinema.ugc.kafka.erasure.ErasureRequest;
import cinema.ugc.kafka.erasure.ErasureStatus;
import cinema.ugc.store.EventEraser;
import cinema.ugc.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the stored rows of erasures, on its own thread. Every erasure waiting when a round starts goes into that
 * round's one {@link EventEraser#erase} call (one ClickHouse mutation for all of them); a failed round is retried
 * whole with back-off, and stays {@code pending} (or {@code failed} with the reason, when the store says no retry can
 * help — still retried, in case an operator fixes it) until it succeeds. Each outcome is recorded through
 * {@code record} — the status topic — and logged: the audit trail, without event content.
 */
final class ErasureApplier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ErasureApplier.class);

    private final EventEraser eraser;
    private final String storeName;
    private final Consumer<ErasureStatus> record;
    private final Backoff backoff;
    private final Clock clock;
    private final Map<UUID, ErasureRequest> waiting = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private final Thread thread;
    private volatile boolean stopping;

    ErasureApplier(EventEraser eraser, String storeName, Consumer<ErasureStatus> record, Backoff backoff, Clock clock) {
        this.eraser = eraser;
        this.storeName = storeName;
        this.record = record;
        this.backoff = backoff;
        this.clock = clock;
        this.thread = new Thread(this::run, "ugc-erasures");
        this.thread.setDaemon(true);
    }

    ErasureApplier start() {
        thread.start();
        return this;
    }

    /** Queues an erasure (idempotent per erasure id); call only after the filter knows it. */
    void submit(ErasureRequest request) {
        if (waiting.putIfAbsent(request.erasureId(), request) == null) {
            synchronized (signal) {
                signal.notifyAll();
            }
        }
    }

    /** An erasure reported done elsewhere (another ETL instance) needs no work here. */
    void forget(UUID erasureId) {
        waiting.remove(erasureId);
    }

    int waiting() {
        return waiting.size();
    }

    /** Seconds since the oldest erasure still waiting here was requested; 0 when none waits. */
    double oldestWaitingSeconds() {
        Instant now = clock.instant();
        return waiting.values().stream()
                .mapToDouble(r -> Duration.between(r.requestedAt(), now).toMillis() / 1e3)
                .max()
                .orElse(0);
    }

    private void run() {
        int failures = 0;
        while (!stopping) {
            List<ErasureRequest> round = List.copyOf(waiting.values());
            if (round.isEmpty()) {
                idle(Duration.ofSeconds(1));
                continue;
            }
            failures = apply(round) ? 0 : failures + 1;
            if (failures > 0) {
                idle(backoff.delay(failures));
            }
        }
    }

    /** One round: true when every erasure of it is done. */
    boolean apply(List<ErasureRequest> round) {
        Map<String, Instant> upTo = new HashMap<>();
        round.forEach(r -> upTo.merge(r.userId(), r.erasedBefore(), (a, b) -> a.isAfter(b) ? a : b));
        long started = System.nanoTime();
        try {
            Map<String, Long> removed = eraser.erase(upTo);
            LOG.info(
                    "erased {} user(s) ({} erasure(s)) on {} in {} ms",
                    upTo.size(),
                    round.size(),
                    storeName,
                    (System.nanoTime() - started) / 1_000_000);
            round.forEach(r -> done(r, removed.getOrDefault(r.userId(), 0L)));
            return true;
        } catch (StoreException e) {
            LOG.warn("erasing {} user(s) on {} failed (retried): {}", upTo.size(), storeName, e.getMessage());
            ErasureStatus.State state = e.retriable() ? ErasureStatus.State.PENDING : ErasureStatus.State.FAILED;
            round.forEach(
                    r -> tryRecord(new ErasureStatus(r, storeName, state, e.getMessage(), Map.of(), clock.instant())));
            return false;
        }
    }

    private void done(ErasureRequest r, long rows) {
        LOG.info(
                "erasure {} done: user {} requested by {} at {}, {} row(s) removed from {}",
                r.erasureId(),
                r.userId(),
                r.requester(),
                r.requestedAt(),
                rows,
                storeName);
        if (tryRecord(new ErasureStatus(
                r, storeName, ErasureStatus.State.DONE, null, Map.of(storeName, rows), clock.instant()))) {
            waiting.remove(r.erasureId(), r);
        }
    }

    private boolean tryRecord(ErasureStatus status) {
        try {
            record.accept(status);
            return true;
        } catch (RuntimeException e) {
            // the rows are gone; the next round deletes nothing more and records the status again
            LOG.warn(
                    "recording the status of erasure {} failed: {}",
                    status.request().erasureId(),
                    e.getMessage());
            return false;
        }
    }

    private void idle(Duration wait) {
        synchronized (signal) {
            try {
                signal.wait(Math.max(1, wait.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }

    @Override
    public void close() {
        stopping = true;
        synchronized (signal) {
            signal.notifyAll();
        }
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
