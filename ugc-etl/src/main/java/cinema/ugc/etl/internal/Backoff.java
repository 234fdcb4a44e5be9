package cinema.ugc.etl.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off with "equal jitter": attempt n waits between half and all of min(max, initial × 2^(n-1)).
 * The jitter keeps several ETL processes from hammering a recovering store in step.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The wait before retry number {@code attempt} (1-based). */
    public Duration delay(int attempt) {
        long ceiling = ceilingMillis(attempt);
        long half = ceiling / 2;
        return Duration.ofMillis(half + Math.round(random.getAsDouble() * (ceiling - half)));
    }

    long ceilingMillis(int attempt) {
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long grown = initial.toMillis() << shift;
        return Math.min(max.toMillis(), grown < 0 ? Long.MAX_VALUE : grown);
    }
}
