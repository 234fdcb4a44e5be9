package cinema.ugc.app;

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
 */
final class Lifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    /** What a step returns when it leaves nothing to stop (it is then not listed among the started). */
    static final Runnable NOTHING = () -> {};

    /** A component of the service: its name (for the logs) and how to start it. */
    record Step(String name, Supplier<Runnable> start) {}

    private record Started(String name, Runnable stop) {}

    private final Deque<Started> started = new ArrayDeque<>();

    /**
     * Starts the steps in order; on a failure stops the ones already started, in reverse, and rethrows.
     */
    void startAll(List<Step> steps) {
        try {
            for (Step step : steps) {
                start(step);
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void start(Step step) {
        LOG.debug("starting {}", step.name());
        Runnable stop = step.start().get();
        if (stop == NOTHING) {
            return;
        }
        synchronized (this) {
            started.push(new Started(step.name(), stop));
        }
    }

    /** Stops every started step in reverse order of start; never throws; idempotent. */
    @Override
    public synchronized void close() {
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
}
