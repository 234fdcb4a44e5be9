package cinema.ugc.store;

import cinema.ugc.model.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every analytics query with a spread of arguments; two stores mean the same when their suites are equal. */
public final class QuerySuite {
    private QuerySuite() {}

    public static Map<String, Object> run(EventQueries q) {
        Map<String, Object> r = new LinkedHashMap<>();
        Instant s = TestEvents.START;
        Instant mid = s.plus(Duration.ofDays(3)).plusMillis(1234);
        Instant e = TestEvents.END;
        r.put("count", q.countEvents());
        r.put("byAction all", q.eventsByAction(s, e));
        r.put("byAction part", q.eventsByAction(mid, mid.plus(Duration.ofDays(9))));
        r.put("byAction empty", q.eventsByAction(e, e.plusSeconds(1)));
        for (Action a : new Action[] {Action.VIEW, Action.FILM_PROGRESS, Action.CLICK}) {
            r.put("top " + a, q.topFilms(a, s, e, 5));
            r.put("top part " + a, q.topFilms(a, mid, e, 3));
        }
        for (int u = 0; u < 6; u++) {
            for (int f = 0; f < 4; f++) {
                r.put("resume u" + u + " f" + f, q.resumePosition("user-" + u, "film-" + f));
            }
            r.put("userEvents u" + u, q.userEvents("user-" + u, e, 50));
            r.put("userEvents before u" + u, q.userEvents("user-" + u, mid, 3));
            String film = "film-" + (u % 4);
            r.put(
                    "userEvents progress of f u" + u,
                    q.userEvents("user-" + u, new EventQueries.EventFilter(Action.FILM_PROGRESS, film), e, 50));
            r.put("userEvents of f u" + u, q.userEvents("user-" + u, new EventQueries.EventFilter(null, film), e, 50));
            r.put(
                    "userEvents views u" + u,
                    q.userEvents("user-" + u, new EventQueries.EventFilter(Action.VIEW, null), mid, 5));
        }
        for (int f = 0; f <= TestEvents.FILMS; f++) {
            r.put("viewers f" + f, q.distinctViewers("film-" + f));
            r.put("completion f" + f, q.completionRate("film-" + f));
            r.put("watching f" + f, q.filmWatching("film-" + f));
        }
        r.put("perHour", q.eventsPerHour(s, e));
        r.put("perHour part", q.eventsPerHour(mid, mid.plus(Duration.ofHours(30))));
        r.put("perMinute", q.eventsPerMinute(mid, mid.plus(Duration.ofDays(2))));
        r.put("perMinuteByAction", q.eventsPerMinuteByAction(mid, mid.plus(Duration.ofDays(2))));
        r.put("users all", q.distinctUsers(s, e));
        r.put("users part", q.distinctUsers(mid, mid.plus(Duration.ofHours(20))));
        r.put("rolling", q.rollingAverage7d(s, e));
        r.put("rolling part", q.rollingAverage7d(mid, mid.plus(Duration.ofDays(10))));
        return r;
    }
}
