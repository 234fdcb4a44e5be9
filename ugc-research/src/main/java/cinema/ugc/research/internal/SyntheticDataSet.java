package cinema.ugc.research.internal;

import cinema.ugc.model.Event;
import cinema.ugc.research.DataSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The research data set: viewing sessions ({@link SessionModel}) of Zipf-skewed users watching Zipf-popular films,
 * starting through the window with an evening peak, merged into one stream ordered by event time (as the ETL would
 * deliver them). Sizes scale with the row count: one user per 50 events, one film per 500 (at most 20,000).
 */
public final class SyntheticDataSet implements DataSet {
    private static final double USER_SKEW = 0.6;
    private static final double FILM_SKEW = 1.1;

    private final long seed;
    private final Instant from;
    private final Duration length;
    private final String userPrefix;
    private final String filmPrefix;
    private final long plannedRows;
    private double[] arrivalCdf;
    private long plannedSessions;

    /**
     * @param plannedRows the size the population and the session plan are sized for; {@link #events(long)} may take
     *                    any prefix of it (the prefix then covers the start of the window only)
     */
    public SyntheticDataSet(
            long seed, long plannedRows, Instant from, Duration length, String userPrefix, String filmPrefix) {
        this.seed = seed;
        this.plannedRows = plannedRows;
        this.from = from;
        this.length = length;
        this.userPrefix = userPrefix;
        this.filmPrefix = filmPrefix;
    }

    /** The standard research data set: October 2026 (31 days, UTC). */
    public static SyntheticDataSet standard(long seed, long rows) {
        return new SyntheticDataSet(
                seed, rows, Instant.parse("2026-10-01T00:00:00Z"), Duration.ofDays(31), "user-", "film-");
    }

    public int users() {
        return (int) Math.max(100, plannedRows / 50);
    }

    public int films() {
        return (int) Math.max(50, Math.min(20_000, plannedRows / 500));
    }

    @Override
    public Iterator<Event> events(long rows) {
        return new Stream(rows);
    }

    @Override
    public Instant from() {
        return from;
    }

    @Override
    public Instant to() {
        return from.plus(length);
    }

    @Override
    public String describe() {
        return String.format(
                "synthetic sessions, seed %d, %,d users (Zipf s=%.1f), %,d films (Zipf s=%.1f; Zipf draws "
                        + "by Commons RNG's rejection-inversion sampler), %s to %s",
                seed, users(), USER_SKEW, films(), FILM_SKEW, from, to());
    }

    /** Sessions that make about {@code plannedRows} events (1% spare, so the stream does not run dry early). */
    private synchronized long plannedSessions(SessionModel model) {
        if (plannedSessions == 0) {
            plannedSessions = (long) Math.ceil(plannedRows / meanSessionSize(model) * 1.01) + 1;
        }
        return plannedSessions;
    }

    /** Per-minute arrival weights: an evening peak at 21:00 UTC and 20% more on weekends. */
    private synchronized double[] arrivalCdf() {
        if (arrivalCdf == null) {
            arrivalCdf = computeArrivalCdf();
        }
        return arrivalCdf;
    }

    private double[] computeArrivalCdf() {
        int minutes = (int) length.toMinutes();
        double[] cdf = new double[minutes];
        double sum = 0;
        for (int m = 0; m < minutes; m++) {
            Instant t = from.plusSeconds(m * 60L);
            double hour = t.atZone(ZoneOffset.UTC).getHour()
                    + t.atZone(ZoneOffset.UTC).getMinute() / 60.0;
            int day = t.atZone(ZoneOffset.UTC).getDayOfWeek().getValue();
            sum += (1 + 0.7 * Math.cos(2 * Math.PI * (hour - 21) / 24)) * (day >= 6 ? 1.2 : 1.0);
            cdf[m] = sum;
        }
        for (int m = 0; m < minutes; m++) {
            cdf[m] /= sum;
        }
        return cdf;
    }

    /** Mean events per session, estimated on a separate random stream so that the plan fills the window. */
    private double meanSessionSize(SessionModel model) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EEDL);
        int sessions = 4_000;
        long events = 0;
        for (int i = 0; i < sessions; i++) {
            events += model.session(random, from.plus(length.dividedBy(2))).size();
        }
        return (double) events / sessions;
    }

    private final class Stream implements Iterator<Event> {
        private final long rows;
        private final SessionModel model;
        private final double[] cdf;
        private final long sessions;
        private final SplittableRandom random = new SplittableRandom(seed);
        /** Active sessions by their next event's time: far fewer entries than pending events. */
        private final PriorityQueue<Cursor> pending =
                new PriorityQueue<>(Comparator.comparingLong(Cursor::time).thenComparingLong(Cursor::session));

        private long emitted;
        private long session;
        private Instant nextStart;

        Stream(long rows) {
            this.rows = rows;
            this.model = new SessionModel(users(), USER_SKEW, films(), FILM_SKEW, userPrefix, filmPrefix, to());
            this.cdf = arrivalCdf();
            this.sessions = plannedSessions(model);
            this.nextStart = start(0);
        }

        /** Stratified over the arrival distribution, so session starts increase (up to a minute's jitter). */
        private Instant start(long i) {
            if (i >= sessions) {
                return to().minusSeconds(3600); // the plan ran short: pile extra sessions into the last hour
            }
            double u = (i + random.nextDouble()) / sessions;
            int minute = Arrays.binarySearch(cdf, u);
            minute = Math.min(minute >= 0 ? minute : -minute - 1, cdf.length - 1);
            return from.plusSeconds(minute * 60L + random.nextInt(60));
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
            while (pending.isEmpty() || (session < sessions && pending.peek().time() >= nextStart.getEpochSecond())) {
                List<Event> events = model.session(random, nextStart);
                if (!events.isEmpty()) {
                    pending.add(new Cursor(events, session));
                }
                nextStart = start(++session);
            }
            Cursor cursor = pending.poll();
            Event event = cursor.next();
            if (cursor.hasNext()) {
                pending.add(cursor);
            }
            emitted++;
            return event;
        }
    }

    /** One session's events, consumed in order. */
    private static final class Cursor {
        private final List<Event> events;
        private final long session;
        private int next;

        Cursor(List<Event> events, long session) {
            this.events = events;
            this.session = session;
        }

        long time() {
            return events.get(next).eventTime().getEpochSecond();
        }

        long session() {
            return session;
        }

        boolean hasNext() {
            return next < events.size();
        }

        Event next() {
            return events.get(next++);
        }
    }
}
