package cinema.ugc.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import cinema.ugc.store.EventQueries;
import cinema.ugc.store.EventQueries.Count;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Asserts that the analytics queries count each produced event exactly once (compared with the events themselves). */
public final class ExactlyOnce {
    private static final Instant FROM = TestEvents.BASE.minusSeconds(25 * 3600);
    private static final Instant TO = TestEvents.BASE.plusSeconds(5 * 24 * 3600);

    private ExactlyOnce() {}

    public static void assertCountedOnce(EventQueries q, List<Event> events) {
        assertEquals(events.size(), q.countEvents(), "countEvents");
        assertEquals(expectedByAction(events), q.eventsByAction(FROM, TO), "eventsByAction");
        assertEquals(
                events.size(),
                q.eventsPerHour(FROM, TO).stream()
                        .mapToLong(EventQueries.TimeCount::count)
                        .sum(),
                "sum of eventsPerHour");
        assertEquals(events.stream().map(Event::userId).distinct().count(), q.distinctUsers(FROM, TO), "distinctUsers");
        assertEquals(expectedTopFilms(events), q.topFilms(Action.VIEW, FROM, TO, 10), "topFilms");
        String film = events.stream()
                .map(Event::filmId)
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow();
        long viewers = events.stream()
                .filter(e -> film.equals(e.filmId()))
                .filter(e -> e.action() == Action.VIEW || e.action() == Action.FILM_PROGRESS)
                .map(Event::userId)
                .distinct()
                .count();
        assertEquals(viewers, q.distinctViewers(film), "distinctViewers");
    }

    private static List<Count> expectedByAction(List<Event> events) {
        Map<String, Long> counts =
                events.stream().collect(Collectors.groupingBy(e -> e.action().name(), Collectors.counting()));
        return sorted(counts, Integer.MAX_VALUE);
    }

    private static List<Count> expectedTopFilms(List<Event> events) {
        Map<String, Long> counts = events.stream()
                .filter(e -> e.action() == Action.VIEW && e.filmId() != null)
                .collect(Collectors.groupingBy(Event::filmId, Collectors.counting()));
        return sorted(counts, 10);
    }

    private static List<Count> sorted(Map<String, Long> counts, int limit) {
        return counts.entrySet().stream()
                .map(e -> new Count(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::key))
                .limit(limit)
                .toList();
    }
}
