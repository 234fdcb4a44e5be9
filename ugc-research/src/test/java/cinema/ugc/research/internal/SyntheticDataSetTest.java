package cinema.ugc.research.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticDataSetTest {
    private static final int ROWS = 20_000;
    private final SyntheticDataSet data = SyntheticDataSet.standard(42, ROWS);
    private final List<Event> all = take(data.events(ROWS), ROWS);

    @Test
    void sameSeedSameEventsAndSmallerSizesArePrefixes() {
        assertEquals(all, take(SyntheticDataSet.standard(42, ROWS).events(ROWS), ROWS));
        assertEquals(all.subList(0, 1_000), take(data.events(1_000), 1_000));
        assertEquals(ROWS, all.stream().map(Event::eventId).distinct().count(), "event ids are unique");
    }

    @Test
    void eventsAreWholeSecondsInsideTheWindowInTimeOrder() {
        Event previous = null;
        for (Event e : all) {
            assertEquals(0, e.eventTime().getNano(), "whole seconds: ClickHouse 18.16 DateTime");
            assertEquals(0, e.receivedAt().getNano(), "whole seconds: ClickHouse 18.16 DateTime");
            assertTrue(!e.eventTime().isBefore(data.from()) && e.eventTime().isBefore(data.to()), e::toString);
            assertTrue(
                    previous == null || !e.eventTime().isBefore(previous.eventTime()), "delivery order = time order");
            previous = e;
        }
    }

    /** The ids {@code StorageBenchmark} and {@code CrossCheckTest} name in their queries have rows to find. */
    @Test
    void theQueriesNamedIdsHitData() {
        // (seed, rows) of CrossCheckTest, StorageBenchmarkIT and this test
        for (long[] run : new long[][] {{3, 2_000}, {7, 20_000}, {42, ROWS}}) {
            long rows = run[1];
            SyntheticDataSet set = SyntheticDataSet.standard(run[0], rows);
            List<Event> events = take(set.events(rows), (int) rows);
            String top = set.topFilm();
            String heavy = set.heavyUser();
            assertEquals("film-00001", top);
            assertEquals("user-000001", heavy);
            assertTrue(
                    events.stream().anyMatch(e -> e.userId().equals(set.typicalUser())),
                    set.typicalUser() + " at " + rows);
            assertTrue(events.stream().anyMatch(e -> e.userId().equals("user-000010")), "user-000010 at " + rows);
            // ~50 visits at 2,000 rows: too few to promise the resume position a row; the research's sizes have it
            assertTrue(
                    rows < 20_000
                            || events.stream()
                                    .anyMatch(e -> e.userId().equals(heavy)
                                            && e.action() == Action.FILM_PROGRESS
                                            && top.equals(e.filmId())),
                    "the most active user watched the top film, at " + rows);
            assertTrue(
                    events.stream().anyMatch(e -> e.action() == Action.FILM_FINISHED && top.equals(e.filmId())),
                    "the top film is finished by someone, at " + rows);
        }
    }

    @Test
    void theDefaultSizeNamesTheIdsOfTheCommittedReport() {
        SyntheticDataSet full = SyntheticDataSet.standard(42, 10_000_000);
        assertEquals(
                List.of("film-00001", "user-000001", "user-000100"),
                List.of(full.topFilm(), full.heavyUser(), full.typicalUser()));
        assertEquals(200_000, full.users());
        assertEquals(20_000, full.films());
    }

    @Test
    void theFullPlannedSizeFitsTheWindowAndCoversMostOfIt() {
        Event last = all.get(all.size() - 1);
        assertTrue(
                last.eventTime().isAfter(data.to().minus(Duration.ofDays(10))),
                "the planned rows reach into the window's last days: " + last);
    }

    @Test
    void shapesAreRealistic() {
        Map<Action, Integer> actions = new EnumMap<>(Action.class);
        Map<String, Integer> films = new HashMap<>();
        Set<String> users = new HashSet<>();
        for (Event e : all) {
            actions.merge(e.action(), 1, Integer::sum);
            users.add(e.userId());
            if (e.action() == Action.FILM_PROGRESS) {
                films.merge(e.filmId(), 1, Integer::sum);
                assertTrue(e.startTime().isBefore(e.endTime()) && e.endTime().equals(e.eventTime()));
            }
        }
        assertTrue(actions.get(Action.FILM_PROGRESS) > ROWS / 2, "progress dominates: " + actions);
        assertTrue(actions.get(Action.FILM_FINISHED) > 0
                && actions.get(Action.SEARCH) > 0
                && actions.get(Action.CLICK) > 0);
        int top = films.getOrDefault("film-00001", 0);
        assertTrue(top > films.getOrDefault("film-00050", 0) * 10, "Zipf: the top film dominates " + top);
        assertTrue(users.size() > data.users() / 2, "many users active: " + users.size());
    }

    private static List<Event> take(Iterator<Event> it, int n) {
        List<Event> out = new ArrayList<>(n);
        while (out.size() < n && it.hasNext()) {
            out.add(it.next());
        }
        assertEquals(n, out.size());
        return out;
    }
}
