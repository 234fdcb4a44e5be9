package cinema.ugc.load;

import cinema.ugc.load.internal.Session;
import cinema.ugc.load.internal.World;
import cinema.ugc.model.Event;
import java.util.Comparator;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An endless, deterministic stream of realistic user events, in event-time order, generated in memory (no I/O;
 * a few hundred thousand events per second on one core).
 *
 * <p>Visits arrive as a Poisson process whose rate follows the day (quiet at night, busiest in the evening, UTC);
 * each visit belongs to a user drawn from a Zipf distribution over the population, so a few users are very active and
 * most are not. Films are picked by Zipf popularity. Each visit is a {@code Session}: browse events, then often a
 * viewing with FILM_PROGRESS heartbeats ({@code start_time}..{@code end_time} = the minute of film just watched,
 * properties {@code position_s}, {@code duration_s}, {@code quality}, {@code device}), quality changes, pauses, and
 * either abandonment (resumed in a later visit) or FILM_FINISHED and sometimes a RATING.
 *
 * <p>The same {@link TrafficConfig} yields the same events — ids, times, everything — on every run (on another JVM
 * a Zipf draw may rarely round differently: Commons RNG's sampler uses {@code Math}, not {@code StrictMath}).
 * The arrival rate is calibrated so that about {@code expectedEvents} fall in {@code [from, to)}; the stream goes on
 * past {@code to} if asked for more. Not thread-safe: one model per thread.
 */
public final class TrafficModel implements Iterator<Event> {
    /** Average events per visit of this model, measured (see TrafficModelTest); calibrates the arrival rate. */
    static final double MEAN_EVENTS_PER_SESSION = 40.0;

    private static final double MS_PER_DAY = 86_400_000.0;

    private final TrafficConfig config;
    private final World world;
    private final PriorityQueue<Session> active =
            new PriorityQueue<>(Comparator.comparingLong(Session::nextTimeMs).thenComparingLong(Session::sequence));
    private final double visitsPerMs;
    private long nextArrivalMs;
    private long visits;

    public TrafficModel(TrafficConfig config) {
        this.config = config;
        this.world = new World(config);
        this.visitsPerMs = config.expectedEvents()
                / (MEAN_EVENTS_PER_SESSION * config.window().toMillis());
        this.nextArrivalMs = config.from().toEpochMilli();
    }

    public TrafficConfig config() {
        return config;
    }

    /** Always true: the traffic never ends. */
    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Event next() {
        while (active.isEmpty() || nextArrivalMs <= active.peek().nextTimeMs()) {
            arrive();
        }
        Session session = active.poll();
        Event event = session.emit();
        if (session.done()) {
            session.leave();
        } else {
            active.add(session);
        }
        return event;
    }

    /** The endless stream; use {@code limit(n)}. */
    public Stream<Event> stream() {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The user id of the user at a popularity rank (0 = most active), as it appears in events. */
    public String userId(int userIndex) {
        return world.population().id(userIndex);
    }

    /** The film id of the film at a popularity rank (0 = most watched), as it appears in events. */
    public String filmId(int filmIndex) {
        return world.catalog().id(filmIndex);
    }

    /** Visits started so far, and the number in progress right now — for reports and tests. */
    public long visitsStarted() {
        return visits;
    }

    public int visitsInProgress() {
        return active.size();
    }

    private void arrive() {
        int user = world.newVisitor();
        if (user >= 0) {
            active.add(world.newSession(user, nextArrivalMs, visits++));
        }
        nextArrivalMs += world.exponentialGapMs(visitsPerMs * dailyRhythm(nextArrivalMs));
    }

    /** Relative activity by hour of day (UTC): 0.4 at 09:00, 1.6 at 21:00; averages 1 over a day. */
    static double dailyRhythm(long epochMs) {
        double dayFraction = Math.floorMod(epochMs, (long) MS_PER_DAY) / MS_PER_DAY;
        return 1.0 + 0.6 * StrictMath.sin(2 * StrictMath.PI * (dayFraction - 15.0 / 24));
    }
}
