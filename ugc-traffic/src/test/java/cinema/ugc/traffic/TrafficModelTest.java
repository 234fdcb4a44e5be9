package cinema.ugc.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficModelTest {
    private static final Instant TO = Instant.parse("2026-11-01T00:00:00Z");
    private static final TrafficConfig MONTH = TrafficConfig.ending(42, 5_000, 1_000, TO, Duration.ofDays(30), 200_000);

    /** The first 100,000 events of {@link #MONTH}, generated once for the tests that only look at them. */
    private static List<Event> first;

    private static synchronized List<Event> first() {
        if (first == null) {
            first = take(MONTH, 100_000);
        }
        return first;
    }

    private static List<Event> take(TrafficConfig config, int n) {
        return new TrafficModel(config).stream().limit(n).toList();
    }

    @Test
    void sameSeedGivesTheSameEvents() {
        assertEquals(first().subList(0, 20_000), take(MONTH, 20_000));
    }

    @Test
    void anotherSeedGivesOtherEvents() {
        assertNotEquals(take(MONTH, 1_000), take(TrafficConfig.of(43, 5_000, 1_000, MONTH.from(), TO, 200_000), 1_000));
    }

    @Test
    void anotherIdSeedChangesOnlyTheIds() {
        List<Event> a = take(MONTH, 5_000);
        List<Event> b = take(MONTH.withIdSeed(7), 5_000);
        for (int i = 0; i < a.size(); i++) {
            assertNotEquals(a.get(i).eventId(), b.get(i).eventId());
            assertEquals(a.get(i).userId(), b.get(i).userId());
            assertEquals(a.get(i).properties(), b.get(i).properties());
            assertEquals(a.get(i).eventTime(), b.get(i).eventTime());
        }
    }

    @Test
    void eventsComeInTimeOrderWithUniqueIdsAndEndAboutTheWindowEnd() {
        List<Event> events = take(MONTH, (int) MONTH.expectedEvents());
        Set<Object> ids = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            assertTrue(ids.add(events.get(i).eventId()));
            assertFalse(i > 0
                    && events.get(i).eventTime().isBefore(events.get(i - 1).eventTime()));
        }
        Instant last = events.get(events.size() - 1).eventTime();
        Duration miss = Duration.between(last, TO).abs();
        assertTrue(
                miss.compareTo(Duration.ofDays(5)) < 0,
                "expected events to fill about the window, last event at " + last);
    }

    @Test
    void progressIntervalsAdvanceThroughTheFilm() {
        Map<String, Integer> lastPosition = new HashMap<>();
        int progress = 0;
        for (Event e : first()) {
            if (e.action() != Action.FILM_PROGRESS) {
                continue;
            }
            progress++;
            assertNotNull(e.startTime());
            assertFalse(e.endTime().isBefore(e.startTime()));
            assertFalse(e.eventTime().isBefore(e.endTime()));
            int position = ((Number) e.properties().get("position_s")).intValue();
            int duration = ((Number) e.properties().get("duration_s")).intValue();
            assertTrue(position > 0 && position <= duration, e.toString());
            assertTrue(e.properties().containsKey("quality"));
            Integer before = lastPosition.put(e.userId() + e.filmId(), position);
            // A position goes back only when a visit watches the film again from the start.
            assertTrue(
                    before == null || before < position || position == duration || position <= 63,
                    "position went back: " + e);
        }
        assertTrue(progress > 50_000, "viewing dominates real traffic; got " + progress + " progress events");
    }

    @Test
    void everyActionOccursInARealisticMix() {
        Map<Action, Integer> counts = new EnumMap<>(Action.class);
        first().forEach(e -> counts.merge(e.action(), 1, Integer::sum));
        for (Action a : Action.values()) {
            assertTrue(counts.getOrDefault(a, 0) > 0, "no " + a + " in " + counts);
        }
        assertTrue(counts.get(Action.FILM_FINISHED) < counts.get(Action.FILM_PROGRESS) / 20, counts.toString());
        assertTrue(counts.get(Action.RATING) < counts.get(Action.FILM_FINISHED), counts.toString());
        assertTrue(counts.get(Action.CLICK) > counts.get(Action.FILM_FINISHED), counts.toString());
    }

    @Test
    void userActivityAndFilmPopularityAreSkewed() {
        Map<String, Integer> users = new HashMap<>();
        Map<String, Integer> films = new HashMap<>();
        TrafficModel model = new TrafficModel(MONTH);
        first().forEach(e -> {
            users.merge(e.userId(), 1, Integer::sum);
            if (e.action() == Action.VIEW) {
                films.merge(e.filmId(), 1, Integer::sum);
            }
        });
        int top = users.getOrDefault(model.userId(0), 0);
        int median = users.values().stream().sorted().toList().get(users.size() / 2);
        assertTrue(top > 20 * median, "most active user " + top + " vs median " + median);
        int first = films.getOrDefault(model.filmId(0), 0);
        int tenth = films.getOrDefault(model.filmId(9), 0);
        assertTrue(first > 4 * tenth && tenth > 0, "film views: rank 1 " + first + ", rank 10 " + tenth);
    }

    @Test
    void theWindowHoldsAboutTheExpectedEventsWhateverTheShape() {
        TrafficConfig research = MONTH.withSkews(0.6, 1.1)
                .withIds(IdScheme.ranks("user-", "film-"))
                .withPrecision(TimePrecision.SECONDS);
        for (TrafficConfig config : List.of(MONTH, research, MONTH.withSkews(0, 0))) {
            long inWindow = new TrafficModel(config).untilWindowEnd().count();
            double ratio = (double) inWindow / config.expectedEvents();
            assertTrue(Math.abs(ratio - 1) < 0.05, inWindow + " events in the window of " + config);
        }
    }
}
