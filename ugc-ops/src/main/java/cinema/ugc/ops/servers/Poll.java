package cinema.ugc.ops.servers;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition by asking it again until a deadline: how the product waits for a process it started to serve.
 * Not Awaitility, which is a test library and stays off the application's class path; not Resilience4j's Retry (only
 * its circuit breaker is on the class path, in ugc-ingest), which bounds a wait by a number of attempts, while a
 * readiness probe can itself take seconds and the bound that matters is the time.
 */
public final class Poll {
    private Poll() {}

    /**
     * Asks {@code condition} at once and then every {@code interval} until it holds or {@code timeout} has passed.
     * The time the condition itself takes counts against the timeout.
     *
     * @return whether the condition held before the deadline
     * @throws IllegalStateException when the thread is interrupted while waiting (its interrupt flag is set again)
     */
    public static boolean until(BooleanSupplier condition, Duration timeout, Duration interval) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            pause(Math.min(left, interval.toNanos()));
        }
        return true;
    }

    private static void pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
