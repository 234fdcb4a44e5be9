package cinema.ugc.ingest.internal;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Items in flight that all share one time limit, kept in the order they started: the oldest is always the first to
 * expire, so one periodic {@link #expire} that looks at the head replaces a timer per item (arming and cancelling a
 * timer for every request is a measurable share of an event loop's work: docs/benchmarks.md, "Ingest latency: paired
 * producer settings"). An item is therefore expired between its limit and its limit plus the period of that check.
 *
 * <p>Not thread-safe: one instance belongs to one event loop, which adds, removes and expires. Items are told apart
 * by {@code equals}; a class that does not override it (identity) is what this is for.
 *
 * @param <T> the item, which knows when it started (in {@code nanoTime} units)
 */
public final class InFlight<T> {
    private final long limitNanos;
    private final ToLongFunction<T> startedAt;
    private final LongSupplier nanoTime;
    // insertion order and O(1) removal of an item that finished before its turn
    private final LinkedHashSet<T> items = new LinkedHashSet<>();

    /**
     * @param startedAt when an item started, on the {@code nanoTime} clock; items must be added in that order
     * @param nanoTime  the clock ({@code System::nanoTime}; a test moves its own)
     */
    public InFlight(Duration limit, ToLongFunction<T> startedAt, LongSupplier nanoTime) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the time limit must be positive, not " + limit);
        }
        this.limitNanos = limit.toNanos();
        this.startedAt = startedAt;
        this.nanoTime = nanoTime;
    }

    public void add(T item) {
        items.add(item);
    }

    /** An item that finished: it will not be expired. Removing one that is not here does nothing. */
    public void remove(T item) {
        items.remove(item);
    }

    /** Removes every item past its limit, oldest first, and hands each to {@code expired}. */
    public void expire(Consumer<T> expired) {
        long now = nanoTime.getAsLong();
        for (Iterator<T> it = items.iterator(); it.hasNext(); ) {
            T oldest = it.next();
            if (now - startedAt.applyAsLong(oldest) < limitNanos) {
                return; // every later item started later still
            }
            it.remove();
            expired.accept(oldest);
        }
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public int size() {
        return items.size();
    }
}
