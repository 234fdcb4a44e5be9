package cinema.ugc.query.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Turns a monotonic counter into a rate over a sliding window by sampling it whenever the rate is asked for
 * (the dashboard polls every few seconds). Thread-safe.
 */
public final class RateMeter {
    private record Sample(long atMillis, long value) {}

    private final LongSupplier counter;
    private final Clock clock;
    private final long windowMillis;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public RateMeter(LongSupplier counter, Clock clock, Duration window) {
        this.counter = counter;
        this.clock = clock;
        this.windowMillis = window.toMillis();
    }

    /** Per second over the window (or since the first sample when younger); -1 when the counter is unknown. */
    public synchronized double perSecond() {
        long value = counter.getAsLong();
        if (value < 0) {
            return -1;
        }
        long now = clock.millis();
        samples.addLast(new Sample(now, value));
        while (samples.size() > 2 && samples.peekFirst().atMillis() < now - windowMillis) {
            samples.removeFirst();
        }
        Sample first = samples.peekFirst();
        long elapsed = now - first.atMillis();
        return elapsed <= 0 ? 0 : (value - first.value()) * 1000.0 / elapsed;
    }
}
