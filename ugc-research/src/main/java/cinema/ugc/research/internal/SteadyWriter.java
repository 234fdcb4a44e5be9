package cinema.ugc.research.internal;

import cinema.ugc.model.Event;
import cinema.ugc.store.EventStore;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The "under load" writer: a thread that writes batches at a steady target rate (like the ETL draining Kafka) into
 * its own store instance until stopped. Its events are outside the queried window, users and films, so the reads
 * measured meanwhile must still return exactly the idle answers.
 */
public final class SteadyWriter implements AutoCloseable {
    private final EventStore store;
    private final Iterator<Event> events;
    private final int rowsPerSecond;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Histogram batchMicros = new Histogram(3_600_000_000L, 3);
    private final Thread thread;
    private long startNanos;
    private long stopNanos;

    public SteadyWriter(EventStore store, Iterator<Event> events, int rowsPerSecond, int batchSize) {
        this.store = store;
        this.events = events;
        this.rowsPerSecond = rowsPerSecond;
        this.batchSize = batchSize;
        this.thread = new Thread(this::run, "steady-writer");
        thread.setDaemon(true);
    }

    public SteadyWriter start() {
        startNanos = System.nanoTime();
        thread.start();
        return this;
    }

    private void run() {
        long intervalNanos = (long) (batchSize * 1e9 / rowsPerSecond);
        long next = System.nanoTime();
        try {
            while (running.get()) {
                var batch = Loader.nextBatch(events, written.get(), batchSize);
                long start = System.nanoTime();
                store.write(batch);
                batchMicros.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
                written.addAndGet(batch.size());
                next = Math.max(next + intervalNanos, System.nanoTime() - intervalNanos); // no burst to catch up
                LockSupport.parkNanos(next - System.nanoTime());
            }
        } catch (RuntimeException e) {
            failure.set(e);
        }
    }

    /** Stops after the batch in flight; rethrows a write failure. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopNanos = System.nanoTime();
        if (failure.get() != null) {
            throw new IllegalStateException("the concurrent writer failed", failure.get());
        }
    }

    public long written() {
        return written.get();
    }

    public double achievedRowsPerSecond() {
        return written.get() / ((stopNanos - startNanos) / 1e9);
    }

    public Histogram batchMicros() {
        return batchMicros;
    }
}
