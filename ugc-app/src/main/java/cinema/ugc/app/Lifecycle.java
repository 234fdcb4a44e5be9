package cinema.ugc.app;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts components in order and stops them in the reverse order: each start returns how to stop what it started, and
 * a failed start stops what had started before it. {@link #close()} never throws: a component that fails to stop is
 * logged, and the others still stop.
 *
 * <p>{@link #close()} may come from another thread while {@link #startAll} runs (a shutdown hook during start-up): no
 * further step starts, the one under way is interrupted and awaited for a bounded time (so that what it started stops
 * first), and the started ones stop in reverse; {@link #startAll} then throws {@link StartAbortedException}.
 */
final class Lifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    /** How long a close during start-up waits for the step under way to give up after its interrupt. */
    private static final Duration ABORT_WAIT = Duration.ofSeconds(5);

    /** What a step returns when it leaves nothing to stop (it is then not listed among the started). */
    static final Runnable NOTHING = () -> {};

    /** A component of the service: its name (for the logs) and how to start it. */
    record Step(String name, Supplier<Runnable> start) {}

    private record Started(String name, Runnable stop) {}

    private final Duration abortWait;

    // Guarded by this.
    private final Deque<Started> started = new ArrayDeque<>();
    private boolean closed;
    /** The thread in {@link #startAll}, or null. */
    private Thread startingThread;
    /** The step under way in {@link #startAll}, or null. */
    private String underWay;

    Lifecycle() {
        this(ABORT_WAIT);
    }

    Lifecycle(Duration abortWait) {
        this.abortWait = abortWait;
    }

    /**
     * Starts the steps in order; on a failure stops the ones already started, in reverse, and rethrows.
     *
     * @throws StartAbortedException when {@link #close()} came first or meanwhile (what had started is stopped)
     */
    void startAll(List<Step> steps) {
        synchronized (this) {
            startingThread = Thread.currentThread();
        }
        try {
            for (Step step : steps) {
                start(step);
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        } finally {
            synchronized (this) {
                startingThread = null;
            }
        }
    }

    private void start(Step step) {
        begin(step);
        Runnable stop = null;
        try {
            LOG.debug("starting {}", step.name());
            stop = step.start().get();
        } finally {
            end(step, stop);
        }
    }

    private synchronized void begin(Step step) {
        if (closed) {
            throw new StartAbortedException("stopped before " + step.name() + " started");
        }
        underWay = step.name();
    }

    /**
     * Lists what the step started — also after a close came meanwhile: then that close, or the one after the
     * {@link StartAbortedException}, stops it — and wakes a close that waits for the step.
     */
    private synchronized void end(Step step, Runnable stop) {
        underWay = null;
        if (stop != null && stop != NOTHING) {
            started.push(new Started(step.name(), stop));
        }
        notifyAll();
        if (closed) {
            Thread.interrupted(); // the close's interrupt has done its job: the stops that follow must not see it
            throw new StartAbortedException("stopped while " + step.name() + " was starting");
        }
    }

    /** Stops every started step in reverse order of start; never throws; idempotent. */
    @Override
    public synchronized void close() {
        boolean duringStartUp = !closed && startingThread != null && startingThread != Thread.currentThread();
        closed = true;
        if (duringStartUp) {
            LOG.info("stopping during start-up{}", underWay == null ? "" : " (" + underWay + " was starting)");
            if (underWay != null) {
                startingThread.interrupt();
                awaitStepUnderWay();
            }
        }
        while (!started.isEmpty()) {
            Started step = started.pop();
            try {
                LOG.info("stopping {}", step.name());
                step.stop().run();
            } catch (RuntimeException e) {
                LOG.warn("stopping {} failed: {}", step.name(), e.toString());
            }
        }
    }

    /** Waits, bounded, for the step under way in the starting thread to end, so that what it started stops first. */
    private void awaitStepUnderWay() {
        String step = underWay;
        long deadline = System.nanoTime() + abortWait.toNanos();
        try {
            while (underWay != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("{} did not give up within {}; stopping what started before it", step, abortWait);
                    return;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
