package cinema.ugc.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one session model behind both the load generator and the storage research: its mix of actions follows the
 * probabilities it declares, a visit's progress only moves forward, and the research's variant (readable rank ids,
 * whole-second times, a finite window) is the very same traffic, only named and rounded differently.
 */
class SessionModelTest {
    private static final Instant TO = Instant.parse("2026-11-01T00:00:00Z");
    private static final TrafficConfig LOAD = TrafficConfig.ending(7, 2_000, 500, TO, Duration.ofDays(30), 100_000);
    private static final TrafficConfig RESEARCH =
            LOAD.withIds(IdScheme.ranks("user-", "film-")).withPrecision(TimePrecision.SECONDS);
    private static final int N = 60_000;

    private static final List<Event> LOAD_EVENTS =
            new TrafficModel(LOAD).stream().limit(N).toList();
    private static final List<Event> RESEARCH_EVENTS =
            new TrafficModel(RESEARCH).stream().limit(N).toList();

    @Test
    void theActionMixFollowsTheSessionsProbabilities() {
        Map<Action, Integer> n = new EnumMap<>(Action.class);
        LOAD_EVENTS.forEach(e -> n.merge(e.action(), 1, Integer::sum));
        // Browsing picks a film page, a click, a search or a filter at 35 : 30 : 20 : 15.
        assertRatio(35.0 / 20, n.get(Action.VIEW), n.get(Action.SEARCH), 0.15, n);
        assertRatio(20.0 / 15, n.get(Action.SEARCH), n.get(Action.FILTER), 0.15, n);
        // A heartbeat is followed by a quality change at 2 %; a finished film is rated at 30 %.
        assertRatio(0.02, n.get(Action.QUALITY_CHANGE), n.get(Action.FILM_PROGRESS), 0.2, n);
        assertRatio(0.3, n.get(Action.RATING), n.get(Action.FILM_FINISHED), 0.2, n);
        assertTrue(n.get(Action.FILM_PROGRESS) > N / 2, "watching dominates: " + n);
    }

    @Test
    void aVisitsEventsAreOrderedAndItsProgressOnlyMovesForward() {
        Map<String, Event> previousOfUser = new HashMap<>();
        for (Event e : RESEARCH_EVENTS) {
            Event previous = previousOfUser.put(e.userId(), e);
            if (previous != null) {
                assertTrue(!e.eventTime().isBefore(previous.eventTime()), () -> "a user's events in time order: " + e);
            }
            if (e.action() != Action.FILM_PROGRESS) {
                continue;
            }
            assertTrue(e.startTime().isBefore(e.endTime()) && e.endTime().equals(e.eventTime()), e::toString);
            if (previous != null
                    && previous.action() == Action.FILM_PROGRESS
                    && previous.filmId().equals(e.filmId())) {
                // the next heartbeat of the same viewing: starts where the last one ended or later (a pause)
                assertTrue(position(e) > position(previous), () -> "progress went back: " + previous + " → " + e);
                assertTrue(!e.startTime().isBefore(previous.endTime()), e::toString);
            }
        }
    }

    @Test
    void theResearchVariantIsTheSameTrafficWithRankIdsAndWholeSeconds() {
        TrafficModel load = new TrafficModel(LOAD);
        Map<String, String> userRank = new HashMap<>();
        Map<String, String> filmRank = new HashMap<>();
        for (int i = 0; i < LOAD.users(); i++) {
            userRank.put(load.userId(i), RESEARCH.ids().user(i));
        }
        for (int i = 0; i < LOAD.films(); i++) {
            filmRank.put(load.filmId(i), RESEARCH.ids().film(i));
        }
        for (int i = 0; i < N; i++) {
            Event ms = LOAD_EVENTS.get(i);
            Event s = RESEARCH_EVENTS.get(i);
            assertEquals(ms.eventId(), s.eventId());
            assertEquals(ms.action(), s.action());
            assertEquals(ms.properties(), s.properties());
            assertEquals(userRank.get(ms.userId()), s.userId());
            assertEquals(ms.filmId() == null ? null : filmRank.get(ms.filmId()), s.filmId());
            assertEquals(ms.eventTime().getEpochSecond(), s.eventTime().getEpochSecond());
            assertEquals(0, s.eventTime().getNano(), "whole seconds");
            assertEquals(0, s.receivedAt().getNano(), "whole seconds");
            assertTrue(s.userId().matches("user-\\d{6}")
                    && (s.filmId() == null || s.filmId().matches("film-\\d{5}")));
        }
    }

    @Test
    void rankIdsNameTheMostActiveUserAndTheMostPopularFilm() {
        Map<String, Integer> users = new HashMap<>();
        Map<String, Integer> films = new HashMap<>();
        RESEARCH_EVENTS.forEach(e -> {
            users.merge(e.userId(), 1, Integer::sum);
            if (e.action() == Action.FILM_PROGRESS) {
                films.merge(e.filmId(), 1, Integer::sum);
            }
        });
        assertEquals("user-000001", RESEARCH.ids().user(0));
        assertEquals("film-00001", RESEARCH.ids().film(0));
        assertEquals("user-002000", RESEARCH.ids().user(1_999));
        assertTrue(users.get("user-000001") > users.getOrDefault("user-000100", 0), users.toString());
        assertTrue(films.get("film-00001") > films.getOrDefault("film-00100", 0), films.toString());
    }

    @Test
    void theSameSeedGivesTheSameTrafficAndAnotherSeedOther() {
        assertEquals(
                RESEARCH_EVENTS.subList(0, 5_000),
                new TrafficModel(RESEARCH).stream().limit(5_000).toList());
        TrafficConfig other = new TrafficConfig(
                8,
                8,
                RESEARCH.users(),
                RESEARCH.films(),
                RESEARCH.from(),
                RESEARCH.to(),
                RESEARCH.expectedEvents(),
                RESEARCH.userSkew(),
                RESEARCH.filmSkew(),
                RESEARCH.ids(),
                RESEARCH.precision());
        assertNotEquals(
                RESEARCH_EVENTS.subList(0, 1_000),
                new TrafficModel(other).stream().limit(1_000).toList());
    }

    @Test
    void theFiniteStreamEndsBeforeTheWindowEnd() {
        TrafficConfig day = RESEARCH.withSkews(0.6, 1.1);
        day = new TrafficConfig(
                day.seed(),
                day.idSeed(),
                day.users(),
                day.films(),
                TO.minus(Duration.ofDays(1)),
                TO,
                20_000,
                day.userSkew(),
                day.filmSkew(),
                day.ids(),
                day.precision());
        List<Event> events = new TrafficModel(day).untilWindowEnd().toList();
        assertTrue(events.size() > 15_000, "the window holds about the expected events: " + events.size());
        assertTrue(events.stream().allMatch(e -> e.eventTime().isBefore(TO)));
        assertTrue(new TrafficModel(day)
                        .stream()
                                .skip(events.size())
                                .findFirst()
                                .orElseThrow()
                                .eventTime()
                                .compareTo(TO)
                >= 0);
    }

    private static int position(Event e) {
        return ((Number) e.properties().get("position_s")).intValue();
    }

    private static void assertRatio(double expected, int a, int b, double tolerance, Map<Action, Integer> counts) {
        double ratio = (double) a / b;
        assertTrue(
                Math.abs(ratio / expected - 1) < tolerance,
                "ratio " + ratio + ", expected " + expected + " ± " + tolerance * 100 + " %: " + counts);
    }
}
