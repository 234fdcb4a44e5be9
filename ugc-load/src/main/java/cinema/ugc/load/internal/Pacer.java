package cinema.ugc.load.internal;

/**
 * When each request is due under a target rate: an open schedule ({@code start + events sent / rate}), so a slow
 * server does not slow the schedule down — a late request is sent at once and its latency counts from when it was
 * due (no coordinated omission). Rate 0: everything is due immediately.
 */
public final class Pacer {
    private final double nanosPerEvent;
    private long nextDueNanos;

    public Pacer(double eventsPerSecond, long startNanos) {
        this.nanosPerEvent = eventsPerSecond > 0 ? 1e9 / eventsPerSecond : 0;
        this.nextDueNanos = startNanos;
    }

    /** Reserves the schedule slot of a request of {@code events} events; returns when it is due (System.nanoTime). */
    public long reserve(int events, long nowNanos) {
        if (nanosPerEvent == 0) {
            return nowNanos;
        }
        long due = nextDueNanos;
        nextDueNanos += (long) (events * nanosPerEvent);
        return due;
    }
}
