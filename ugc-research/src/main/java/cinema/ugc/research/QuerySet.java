package cinema.ugc.research;

import cinema.ugc.model.Action;
import cinema.ugc.store.EventQueries;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The analytics queries the research times: the storage layer's {@link EventQueries}, with parameters fixed by the
 * data set (the most popular film, the most active user, a typical user) so every store answers the same question.
 */
public final class QuerySet {

    /** One query: a stable name for tables and charts, what it asks, and how to ask it. */
    public record Query(String name, String question, Function<EventQueries, Object> run) {}

    private QuerySet() {}

    /**
     * @param topFilm     the most popular film (many rows to aggregate)
     * @param heavyUser   the most active user, who watched {@code topFilm}
     * @param typicalUser a user of ordinary activity (the point lookup)
     */
    public static List<Query> standard(Instant from, Instant to, String topFilm, String heavyUser, String typicalUser) {
        return List.of(
                new Query("events_by_action", "events per action over the month", q -> q.eventsByAction(from, to)),
                new Query(
                        "top_films",
                        "10 films with most FILM_PROGRESS events over the month",
                        q -> q.topFilms(Action.FILM_PROGRESS, from, to, 10)),
                new Query(
                        "resume_position",
                        "resume position of " + heavyUser + " in " + topFilm,
                        q -> q.resumePosition(heavyUser, topFilm)),
                new Query("distinct_viewers", "distinct viewers of " + topFilm, q -> q.distinctViewers(topFilm)),
                new Query("events_per_hour", "events per hour over the month", q -> q.eventsPerHour(from, to)),
                new Query("completion_rate", "completion rate of " + topFilm, q -> q.completionRate(topFilm)),
                new Query(
                        "user_recent_events",
                        "20 most recent events of " + typicalUser + " (point lookup)",
                        q -> q.userEvents(typicalUser, to, 20)),
                new Query(
                        "rolling_avg_7d",
                        "events per day with 7-day rolling average over the month",
                        q -> q.rollingAverage7d(from, to)));
    }
}
