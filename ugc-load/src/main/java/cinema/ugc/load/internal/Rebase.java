package cinema.ugc.load.internal;

import cinema.ugc.model.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves a request's events to "now": the model's clock is simulated, the API accepts only event times near the
 * present. Each event keeps its order within the request (1 ms apart, the last at {@code now}) and the length of its
 * watched interval, so FILM_PROGRESS stays end ≥ start and the newest event is the one sent last.
 */
public final class Rebase {
    private Rebase() {
    }

    public static List<Event> toNow(List<Event> events, Instant now) {
        List<Event> out = new ArrayList<>(events.size());
        int n = events.size();
        for (int i = 0; i < n; i++) {
            out.add(shift(events.get(i), now.minusMillis(n - 1 - i)));
        }
        return out;
    }

    private static Event shift(Event e, Instant eventTime) {
        long by = eventTime.toEpochMilli() - e.eventTime().toEpochMilli();
        return new Event(e.eventId(), e.userId(), e.action(), e.filmId(), e.description(), eventTime,
                plus(e.startTime(), by), plus(e.endTime(), by), e.properties(), e.receivedAt());
    }

    private static Instant plus(Instant t, long millis) {
        return t == null ? null : t.plusMillis(millis);
    }
}
