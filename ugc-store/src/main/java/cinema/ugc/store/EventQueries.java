package cinema.ugc.store;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The analytics queries. Every implementation gives the same answer for the same stored events (the storage
 * research cross-checks this), and each event — identity (user_id, event_id), first copy wins — counts once even if
 * it was written more than once.
 * Time ranges are half-open: {@code from <= event_time < to}, at millisecond precision. Wherever events tie on
 * event_time, the one whose event id's lower-case text sorts last comes first (byte order); text keys sort in byte
 * order.
 */
public interface EventQueries {

    /** Exact number of distinct events (user_id, event_id) stored. */
    long countEvents();

    /** Events per action in the range, largest count first, then by action name. */
    List<Count> eventsByAction(Instant from, Instant to);

    /** Films with the most events of {@code action} in the range, largest first, then by film id. */
    List<Count> topFilms(Action action, Instant from, Instant to, int limit);

    /** The end of the user's last watched interval of the film: the FILM_PROGRESS event with the latest event_time. */
    Optional<WatchPosition> resumePosition(String userId, String filmId);

    /** Number of distinct users with a VIEW or FILM_PROGRESS event of the film. */
    long distinctViewers(String filmId);

    /** Events per hour (UTC, truncated), ascending, hours without events omitted. */
    List<TimeCount> eventsPerHour(Instant from, Instant to);

    /** Events per minute (UTC, truncated), ascending, minutes without events omitted. */
    List<TimeCount> eventsPerMinute(Instant from, Instant to);

    /** Events per minute (UTC, truncated) and action in the range, ascending by minute then action name. */
    List<ActionTimeCount> eventsPerMinuteByAction(Instant from, Instant to);

    /** Distinct users with any event in the range. */
    long distinctUsers(Instant from, Instant to);

    /** Viewers with FILM_FINISHED ÷ viewers with FILM_PROGRESS; empty when nobody has progress on the film. */
    Optional<Double> completionRate(String filmId);

    /**
     * The film's VIEW events and its viewers' watched time: per user with a FILM_PROGRESS event of the film, the sum
     * of {@code end_time − start_time} over those events (an event lacking either time adds 0), in milliseconds;
     * then the number of such users, the total and the largest of their sums (zeros when there are none).
     */
    FilmWatching filmWatching(String filmId);

    /**
     * A user's most recent events that match the filter, with event_time strictly before {@code before}, newest first
     * (ties by event id).
     */
    List<Event> userEvents(String userId, EventFilter filter, Instant before, int limit);

    /** {@link #userEvents(String, EventFilter, Instant, int)} of every action and film. */
    default List<Event> userEvents(String userId, Instant before, int limit) {
        return userEvents(userId, EventFilter.ANY, before, limit);
    }

    /**
     * Events per UTC day in the range with the 7-day rolling average ending on that day, ascending. Days are whole
     * UTC days from the day containing {@code from} (days without events omitted); the average is the sum of that
     * day's and the six previous days' counts divided by 7, days without events counting 0.
     */
    List<DailyAverage> rollingAverage7d(Instant from, Instant to);

    /**
     * Narrows a user's events to one action and/or one film; null matches any. On ClickHouse, action and film
     * together are a prefix of the sort key, so such a read touches a few granules instead of the user's whole table.
     */
    record EventFilter(Action action, String filmId) {
        public static final EventFilter ANY = new EventFilter(null, null);

        public boolean matches(Event e) {
            return (action == null || action == e.action()) && (filmId == null || filmId.equals(e.filmId()));
        }
    }

    record Count(String key, long count) {}

    record TimeCount(Instant time, long count) {}

    record ActionTimeCount(Instant time, String action, long count) {}

    record FilmWatching(long views, long viewersWithProgress, long watchedMillisTotal, long watchedMillisMax) {}

    record WatchPosition(String filmId, Instant startTime, Instant endTime, Instant eventTime) {}

    record DailyAverage(Instant day, long count, double average7d) {}
}
