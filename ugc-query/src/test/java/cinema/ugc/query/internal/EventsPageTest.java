package cinema.ugc.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import cinema.ugc.store.EventQueries;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Paging logic over {@link EventQueries#userEvents}' contract; the read API ITs cover it against real stores. */
class EventsPageTest {
    private static final Instant T = Instant.parse("2024-02-01T08:00:00Z");

    @Test
    void pagesVisitEveryEventOnceNewestFirstEvenWhenATimestampSpansPages() {
        List<Event> stored = new ArrayList<>();
        IntStream.range(0, 4).forEach(i -> stored.add(event(T.plusSeconds(i))));
        IntStream.range(0, 5).forEach(i -> stored.add(event(T.plusSeconds(10)))); // five events in one millisecond
        IntStream.range(0, 3).forEach(i -> stored.add(event(T.plusSeconds(20 + i))));
        List<Event> expected = stored.stream().sorted(NEWEST_FIRST).toList();
        EventQueries queries = userEventsOnly(expected);

        for (int limit : new int[] {1, 2, 3, 5, 12, 50}) {
            List<Event> seen = new ArrayList<>();
            EventsCursor cursor = new EventsCursor(T.plusSeconds(60), 0);
            while (cursor != null) {
                EventsPage page = EventsPage.read(queries, "u1", EventQueries.EventFilter.ANY, cursor, limit);
                assertTrue(page.events().size() <= limit);
                seen.addAll(page.events());
                cursor = page.next().orElse(null);
            }
            assertEquals(expected, seen, "limit " + limit);
        }
    }

    @Test
    void anEmptyHistoryHasNoNextPage() {
        EventsPage page = EventsPage.read(
                userEventsOnly(List.of()), "u1", EventQueries.EventFilter.ANY, new EventsCursor(T, 0), 10);
        assertTrue(page.events().isEmpty());
        assertTrue(page.next().isEmpty());
    }

    private static final Comparator<Event> NEWEST_FIRST = Comparator.comparing(Event::eventTime)
            .reversed()
            .thenComparing(e -> e.eventId().toString());

    private static Event event(Instant time) {
        return new Event(UUID.randomUUID(), "u1", Action.CLICK, null, null, time, null, null, Map.of(), time);
    }

    /** The contract of userEvents over a sorted list; every other query is out of this test's scope. */
    private static EventQueries userEventsOnly(List<Event> newestFirst) {
        return (EventQueries) Proxy.newProxyInstance(
                EventQueries.class.getClassLoader(), new Class<?>[] {EventQueries.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("userEvents")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    EventQueries.EventFilter filter = (EventQueries.EventFilter) args[1];
                    Instant before = (Instant) args[2];
                    int limit = (Integer) args[3];
                    return newestFirst.stream()
                            .filter(e -> filter.matches(e) && e.eventTime().isBefore(before))
                            .limit(limit)
                            .toList();
                });
    }
}
