package cinema.ugc.research.internal;

import cinema.ugc.model.Event;
import cinema.ugc.research.DataSet;
import cinema.ugc.traffic.IdScheme;
import cinema.ugc.traffic.TimePrecision;
import cinema.ugc.traffic.TrafficConfig;
import cinema.ugc.traffic.TrafficModel;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The research data set: the load generator's session model ({@link TrafficModel}) over a finite window, with the
 * three choices a store comparison needs — readable rank ids its queries can name ({@code user-000001} is the most
 * active user, {@code film-00001} the most popular film), whole-second times (ClickHouse 18.16's {@code DateTime}
 * keeps no more, and the stores must agree exactly), and no event at or after the window's end. Sizes scale with the
 * planned rows: one user per 50 events, one film per 500 (at most 20,000).
 */
public final class SyntheticDataSet implements DataSet {
    private static final double USER_SKEW = 0.6;
    private static final double FILM_SKEW = 1.1;
    /** Events per visit, roughly: sizes the spare below (the model learns the exact mean itself). */
    private static final double EVENTS_PER_VISIT = 40;

    private final long seed;
    private final long plannedRows;
    private final TrafficConfig traffic;

    /**
     * @param plannedRows the size the population and the arrival rate are sized for; {@link #events(long)} may take
     *                    any prefix of it (a prefix covers the start of the window only)
     */
    public SyntheticDataSet(
            long seed, long plannedRows, Instant from, Duration length, String userPrefix, String filmPrefix) {
        this.seed = seed;
        this.plannedRows = plannedRows;
        this.traffic = new TrafficConfig(
                seed,
                seed,
                users(plannedRows),
                films(plannedRows),
                from,
                from.plus(length),
                withSpare(plannedRows),
                USER_SKEW,
                FILM_SKEW,
                IdScheme.ranks(userPrefix, filmPrefix),
                TimePrecision.SECONDS);
    }

    /** The standard research data set: October 2026 (31 days, UTC). */
    public static SyntheticDataSet standard(long seed, long rows) {
        return new SyntheticDataSet(
                seed, rows, Instant.parse("2026-10-01T00:00:00Z"), Duration.ofDays(31), "user-", "film-");
    }

    private static int users(long plannedRows) {
        return (int) Math.max(100, plannedRows / 50);
    }

    private static int films(long plannedRows) {
        return (int) Math.max(50, Math.min(20_000, plannedRows / 500));
    }

    /**
     * The events the window is planned to hold: the planned rows and a spare, so that the window does not run dry
     * before them — 3 % plus four standard deviations of the count, whose noise is that of the number of visits.
     */
    static long withSpare(long plannedRows) {
        double visits = Math.max(1, plannedRows / EVENTS_PER_VISIT);
        return (long) Math.ceil(plannedRows * (1.03 + 4 * 1.5 / Math.sqrt(visits)));
    }

    /** The most popular film (index 0): the queries aggregate over its many rows. */
    public String topFilm() {
        return traffic.ids().film(0);
    }

    /** The most active user (index 0), who has watched {@link #topFilm()} at any size the research runs. */
    public String heavyUser() {
        return traffic.ids().user(0);
    }

    /** A user of ordinary activity for the point lookup: rank 100, or a tenth down a smaller population. */
    public String typicalUser() {
        return traffic.ids().user(Math.min(99, users() / 10 - 1));
    }

    public int users() {
        return traffic.users();
    }

    public int films() {
        return traffic.films();
    }

    @Override
    public Iterator<Event> events(long rows) {
        return new Prefix(new TrafficModel(traffic).untilWindowEnd().iterator(), rows);
    }

    @Override
    public Instant from() {
        return traffic.from();
    }

    @Override
    public Instant to() {
        return traffic.to();
    }

    @Override
    public String describe() {
        return String.format(
                "synthetic traffic of the load generator's session model (cinema.ugc.traffic), seed %d, "
                        + "%,d users (Zipf s=%.1f), %,d films (Zipf s=%.1f; Zipf draws by Commons RNG's "
                        + "rejection-inversion sampler), whole-second times, %s to %s",
                seed, users(), USER_SKEW, films(), FILM_SKEW, from(), to());
    }

    /** The first {@code rows} events of the window; running dry before them is an error, not a short data set. */
    private final class Prefix implements Iterator<Event> {
        private final Iterator<Event> window;
        private final long rows;
        private long emitted;

        Prefix(Iterator<Event> window, long rows) {
            this.window = window;
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            return emitted < rows;
        }

        @Override
        public Event next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (!window.hasNext()) {
                throw new IllegalStateException(String.format(
                        "the data set's window %s to %s holds only %,d events (planned %,d, asked for %,d)",
                        from(), to(), emitted, plannedRows, rows));
            }
            emitted++;
            return window.next();
        }
    }
}
