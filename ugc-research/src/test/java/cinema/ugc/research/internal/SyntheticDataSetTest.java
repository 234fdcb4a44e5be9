package cinema.ugc.research.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
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
    void eventsAreWholeSecondsInsideTheWindowRoughlyInTimeOrder() {
        Event previous = null;
        for (Event e : all) {
            assertEquals(0, e.eventTime().getNano(), "whole seconds: ClickHouse 18.16 DateTime");
            assertTrue(!e.eventTime().isBefore(data.from()) && e.eventTime().isBefore(data.to()), e.toString());
            if (previous != null) {
                assertTrue(
                        !e.eventTime().isBefore(previous.eventTime().minusSeconds(120)), "delivery order ~ time order");
            }
            previous = e;
        }
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
