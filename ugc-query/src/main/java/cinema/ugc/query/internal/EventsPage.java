package cinema.ugc.query.internal;

import cinema.ugc.model.Event;
import cinema.ugc.store.EventQueries;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** One page of a user's events, newest first, and the cursor of the next page when there is one. */
public record EventsPage(List<Event> events, Optional<EventsCursor> next) {

    /** Reads a page by composing {@link EventQueries#userEvents}: one extra row tells whether more exist. */
    public static EventsPage read(
            EventQueries queries, String userId, EventQueries.EventFilter filter, EventsCursor cursor, int limit) {
        List<Event> fetched = queries.userEvents(userId, filter, cursor.before(), cursor.skip() + limit + 1);
        int from = Math.min(cursor.skip(), fetched.size());
        int to = Math.min(cursor.skip() + limit, fetched.size());
        List<Event> page = List.copyOf(fetched.subList(from, to));
        if (fetched.size() <= to || page.isEmpty()) {
            return new EventsPage(page, Optional.empty());
        }
        return new EventsPage(page, Optional.of(nextCursor(fetched, to)));
    }

    /** Everything up to and including the last shown event's millisecond, minus what was shown of it. */
    private static EventsCursor nextCursor(List<Event> fetched, int end) {
        var last = fetched.get(end - 1).eventTime();
        int shownAtLast = (int) fetched.subList(0, end).stream()
                .filter(e -> e.eventTime().equals(last))
                .count();
        return new EventsCursor(last.plus(1, ChronoUnit.MILLIS), shownAtLast);
    }
}
