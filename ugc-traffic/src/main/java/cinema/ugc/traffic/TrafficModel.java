package cinema.ugc.traffic;

import cinema.ugc.model.Event;
import cinema.ugc.traffic.internal.Session;
import cinema.ugc.traffic.internal.World;
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
 * The arrival rate is calibrated so that about {@code expectedEvents} fall in {@code [from, to)}: it divides by the
 * mean events per visit, learnt from the visits finished so far (a prior until there are some), so every
 * configuration fills its window alike. {@link #stream()} goes on past {@code to} (the load generator's endless
 * traffic); {@link #untilWindowEnd()} stops there (a finite data set). How ids read and how precise times are is the
 * config's {@link IdScheme} and {@link TimePrecision}; the sessions are the same. Not thread-safe: one model per
 * thread.
 */
public final class TrafficModel implements Iterator<Event> {
    /** Events per visit assumed until finished visits tell; about what the default traffic averages. */
    static final double PRIOR_EVENTS_PER_VISIT = 40.0;
    /** How many visits' worth of weight the prior keeps against the measured mean. */
    private static final int PRIOR_WEIGHT = 50;

    private static final double MS_PER_DAY = 86_400_000.0;

    private final TrafficConfig config;
    private final World world;
    private final PriorityQueue<Session> active =
            new PriorityQueue<>(Comparator.comparingLong(Session::nextTimeMs).thenComparingLong(Session::sequence));
    private final double eventsPerMs;
    private long nextArrivalMs;
    private long visits;
    private long droppedVisits;
    private long finishedVisits;
    private long eventsOfFinishedVisits;

    public TrafficModel(TrafficConfig config) {
        this.config = config;
        this.world = new World(config);
        this.eventsPerMs = (double) config.expectedEvents() / config.window().toMillis();
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
            finishedVisits++;
            eventsOfFinishedVisits += session.emitted();
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

    /** The finite stream: the events before the window's end ({@code to}), in time order. */
    public Stream<Event> untilWindowEnd() {
        return stream().takeWhile(e -> e.eventTime().isBefore(config.to()));
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

    /**
     * Events per arriving visit: those of the finished visits over the visits finished or dropped (a dropped visit
     * has none), blended with the prior while there are few.
     */
    double meanEventsPerVisit() {
        return (eventsOfFinishedVisits + PRIOR_WEIGHT * PRIOR_EVENTS_PER_VISIT)
                / (finishedVisits + droppedVisits + PRIOR_WEIGHT);
    }

    private void arrive() {
        int user = world.newVisitor();
        if (user >= 0) {
            active.add(world.newSession(user, nextArrivalMs, visits++));
        } else {
            droppedVisits++;
        }
        double visitsPerMs = eventsPerMs / meanEventsPerVisit();
        nextArrivalMs += world.exponentialGapMs(visitsPerMs * dailyRhythm(nextArrivalMs));
    }

    /** Relative activity by hour of day (UTC): 0.4 at 09:00, 1.6 at 21:00; averages 1 over a day. */
    static double dailyRhythm(long epochMs) {
        double dayFraction = Math.floorMod(epochMs, (long) MS_PER_DAY) / MS_PER_DAY;
        return 1.0 + 0.6 * StrictMath.sin(2 * StrictMath.PI * (dayFraction - 15.0 / 24));
    }
}
