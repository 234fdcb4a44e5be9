package cinema.ugc.etl.internal;

import cinema.ugc.etl.EtlSettings;
import cinema.ugc.model.EventCodec;
import cinema.ugc.store.StoreException;
import cinema.ugc.store.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery of consumed records, as a state machine with one method per state. Pure logic: all I/O goes through
 * {@link DeliveryPorts}, time through the injected {@link Clock}, so every transition is unit-tested without a broker,
 * a store or sleeping.
 *
 * <pre>
 * ACCUMULATING --batch due--> WRITING --written + dead-lettered--> COMMITTING --> ACCUMULATING
 *                                |  ^                                  (commit failure: the rows are in the store,
 *             retriable failure  v  | back-off over                     the records come again, the store dedups)
 *                               BACKOFF (partitions paused)
 * WRITING --fatal failure--> FAILED          close() --> CLOSED
 * </pre>
 *
 * <p>A batch is due when it holds {@code batchSize} records; or when the consumer has caught up
 * ({@link DeliveryPorts#caughtUp()}) and {@code writeInterval} has passed since the previous write began; or in any
 * case when its oldest record is {@code batchAge} old.
 *
 * <p>A fatal failure first gets the batch bisected ({@link RowIsolation}): rows the store rejects while others are
 * written go to the dead-letter topic and the batch completes; only when no row can be written does it stop.
 *
 * <p>The invariant: an offset is committed only after every record before it is in the store or acknowledged by
 * the dead-letter topic. Not thread-safe: the consumer thread owns it.
 */
public final class DeliveryMachine {
    private static final Logger log = LoggerFactory.getLogger(DeliveryMachine.class);

    public enum State {
        ACCUMULATING,
        WRITING,
        COMMITTING,
        BACKOFF,
        FAILED,
        CLOSED
    }

    private final EtlSettings settings;
    private final DeliveryPorts ports;
    private final Clock clock;
    private final Backoff backoff;
    private final EtlMetrics metrics;
    private final String topic;
    private final EventCodec codec = new EventCodec();
    private PendingBatch batch;
    private State state = State.ACCUMULATING;
    private int attempts;
    private Instant retryAt;
    private Instant lastWriteAt;
    private boolean paused;
    private RuntimeException failure;

    /** @param topic the source topic, named in the dead letters of rows the store rejects */
    public DeliveryMachine(
            EtlSettings settings, DeliveryPorts ports, Clock clock, Backoff backoff, EtlMetrics metrics, String topic) {
        this.topic = topic;
        this.settings = settings;
        this.ports = ports;
        this.clock = clock;
        this.backoff = backoff;
        this.metrics = metrics;
        this.batch = newBatch();
    }

    private PendingBatch newBatch() {
        return new PendingBatch(settings.batchSize());
    }

    /** Adds polled records to the open batch. Only legal while accumulating (partitions are paused otherwise). */
    public void accept(List<Incoming> records) {
        if (records.isEmpty()) {
            return;
        }
        if (state != State.ACCUMULATING) {
            throw new IllegalStateException("records arrived in state " + state + "; partitions should be paused");
        }
        Instant now = clock.instant();
        records.forEach(r -> batch.add(r, now));
    }

    /** Makes one transition (or none when waiting); returns whether the state changed. */
    public boolean step() {
        State before = state;
        state = switch (state) {
            case ACCUMULATING -> accumulating();
            case WRITING -> writing();
            case COMMITTING -> committing();
            case BACKOFF -> backingOff();
            case FAILED, CLOSED -> state;
        };
        return state != before;
    }

    /** Steps until the machine waits for records or time (or stopped). */
    public void advance() {
        while (step()) {
            // each step is one transition; the loop ends in a waiting or terminal state
        }
    }

    private State accumulating() {
        boolean due = !batch.isEmpty()
                && (batch.size() >= settings.batchSize() || !clock.instant().isBefore(dueAt()));
        return due ? State.WRITING : State.ACCUMULATING;
    }

    /**
     * When the open (non-empty) batch is due by time. Caught up, more waiting only delays its rows: it is due once the
     * write interval since the previous write has passed, which still caps the inserts per second. With a backlog it
     * grows to its size (large inserts while catching up), at most until its oldest record is the batch age old.
     */
    private Instant dueAt() {
        Instant byAge = batch.dueAt(settings.batchAge());
        if (!ports.caughtUp()) {
            return byAge;
        }
        Instant spaced = lastWriteAt == null ? batch.dueAt(Duration.ZERO) : lastWriteAt.plus(settings.writeInterval());
        return spaced.isBefore(byAge) ? spaced : byAge;
    }

    private State writing() {
        if (attempts == 0) {
            lastWriteAt = clock.instant();
        }
        try {
            writeBatch();
            return State.COMMITTING;
        } catch (StoreException e) {
            return e.retriable() ? enterBackoff(e) : fail(e);
        } catch (DeadLetterException e) {
            return enterBackoff(e);
        } catch (RuntimeException e) {
            return fail(e);
        }
    }

    private State committing() {
        Map<Integer, Long> offsets = batch.nextOffsets();
        try {
            ports.commit(offsets);
            log.debug("committed {}", offsets);
        } catch (RuntimeException e) {
            // The batch is durable; without the commit its records come again and the store ignores the repeat.
            log.warn(
                    "offset commit {} failed ({}); the batch is stored, its records may be delivered again",
                    offsets,
                    e.toString());
        }
        metrics.delivered(batch.size());
        batch = newBatch();
        attempts = 0;
        resumeIfPaused();
        return State.ACCUMULATING;
    }

    private State backingOff() {
        return clock.instant().isBefore(retryAt) ? State.BACKOFF : State.WRITING;
    }

    private void writeBatch() {
        if (!batch.deadLettered()) {
            ports.deadLetter(batch.poison());
            batch.markDeadLettered();
            metrics.deadLettered(batch.poison().size());
        }
        if (!batch.written()) {
            long start = System.nanoTime();
            Set<StoredEvent> rejected = writeOrIsolate();
            batch.markWritten();
            metrics.inserted(batch.events().size() - rejected.size(), Duration.ofNanos(System.nanoTime() - start));
            metrics.written(batch.events(), rejected, clock.instant());
            log.debug("wrote {} rows up to offsets {}", batch.events().size() - rejected.size(), batch.nextOffsets());
        }
    }

    /**
     * Writes the events; if the store rejects some rows for good, dead-letters just those. Returns them, as an identity
     * set (hashing a record would hash its whole event).
     */
    private Set<StoredEvent> writeOrIsolate() {
        Set<StoredEvent> rejectedRows = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            ports.write(batch.events());
            return rejectedRows;
        } catch (StoreException e) {
            if (e.retriable()) {
                throw e;
            }
            List<RowIsolation.Rejected> rejected = RowIsolation.isolate(batch.events(), e, ports::write);
            log.warn(
                    "the store rejected {} of {} rows for good; dead-lettering them: {}",
                    rejected.size(),
                    batch.events().size(),
                    e.getMessage());
            ports.deadLetter(rejected.stream().map(this::poison).toList());
            metrics.deadLettered(rejected.size());
            rejected.forEach(r -> rejectedRows.add(r.event()));
            return rejectedRows;
        }
    }

    private Poison poison(RowIsolation.Rejected r) {
        StoredEvent e = r.event();
        return new Poison(
                topic,
                e.partition(),
                e.offset(),
                e.event().userId().getBytes(StandardCharsets.UTF_8),
                codec.encode(e.event()),
                "store rejected the row: " + r.cause().getMessage());
    }

    private State enterBackoff(RuntimeException cause) {
        attempts++;
        Duration wait = backoff.delay(attempts);
        retryAt = clock.instant().plus(wait);
        metrics.failed();
        log.warn(
                "write of {} records up to offsets {} failed (attempt {}), retrying in {} ms: {}",
                batch.size(),
                batch.nextOffsets(),
                attempts,
                wait.toMillis(),
                cause.toString());
        if (!paused) {
            ports.pauseAll();
            paused = true;
        }
        return State.BACKOFF;
    }

    private State fail(RuntimeException cause) {
        failure = cause;
        log.error(
                "fatal store failure on {} records up to offsets {}; stopping without committing them",
                batch.size(),
                batch.nextOffsets(),
                cause);
        return State.FAILED;
    }

    private void resumeIfPaused() {
        if (paused) {
            ports.resumeAll();
            paused = false;
        }
    }

    /** Newly assigned partitions stay paused while the machine backs off, or memory would grow. */
    public void onAssigned(Collection<Integer> partitions) {
        if (paused && !partitions.isEmpty()) {
            ports.pauseAll();
        }
    }

    /**
     * Before partitions go to another consumer: one attempt to write and commit the open batch; if that fails, the
     * revoked partitions' records are dropped (uncommitted, so their next owner reads them again) and the rest is
     * retried as usual.
     */
    public void onRevoked(Collection<Integer> partitions) {
        if (!batch.touches(partitions) || state == State.FAILED || state == State.CLOSED) {
            return;
        }
        if (!flushOnce()) {
            batch.drop(partitions);
            if (batch.isEmpty()) {
                batch = newBatch();
                attempts = 0;
                resumeIfPaused();
                state = State.ACCUMULATING;
            }
        }
    }

    /** Partitions lost without a revocation can no longer be committed: forget their records. */
    public void onLost(Collection<Integer> partitions) {
        if (state == State.FAILED || state == State.CLOSED) {
            return;
        }
        batch.drop(partitions);
        if (batch.isEmpty() && state != State.ACCUMULATING) {
            batch = newBatch();
            attempts = 0;
            resumeIfPaused();
            state = State.ACCUMULATING;
        }
    }

    /** On shutdown: one attempt to write and commit the open batch, then stop. Uncommitted records come again. */
    public void close() {
        if (state != State.FAILED && state != State.CLOSED && !batch.isEmpty()) {
            flushOnce();
        }
        if (state != State.FAILED) {
            state = State.CLOSED;
        }
    }

    private boolean flushOnce() {
        state = State.WRITING;
        state = writing();
        if (state == State.COMMITTING) {
            state = committing();
            return true;
        }
        return false;
    }

    public State state() {
        return state;
    }

    /** When the machine next needs a step even without new records (batch age or back-off end); null if never. */
    public Instant wakeUpAt() {
        return switch (state) {
            case ACCUMULATING -> batch.isEmpty() ? null : dueAt();
            case BACKOFF -> retryAt;
            default -> clock.instant();
        };
    }

    public int pendingRecords() {
        return batch.size();
    }

    public int attempts() {
        return attempts;
    }

    /** The fatal failure that stopped the machine, or null. */
    public RuntimeException failure() {
        return failure;
    }
}
