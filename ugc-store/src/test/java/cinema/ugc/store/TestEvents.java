package cinema.ugc.store;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Deterministic events spanning three calendar months, with the awkward bits every store must keep intact. They are
 * received as the ingest API receives events: in offset order, 100 ms apart, after the last event_time.
 */
public final class TestEvents {
    public static final Instant START = Instant.parse("2024-01-29T22:00:00Z");
    public static final Instant END = START.plus(Duration.ofDays(40));
    public static final int USERS = 40;
    public static final int FILMS = 12;

    private TestEvents() {}

    public static List<StoredEvent> generate(int count, long seed) {
        Random r = new Random(seed);
        List<StoredEvent> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new StoredEvent(event(r, i), i % 3, i));
        }
        return out;
    }

    private static Event event(Random r, int i) {
        Action action = Action.values()[r.nextInt(Action.values().length)];
        String user = "user-" + r.nextInt(USERS);
        String film = action.requiresFilm() || r.nextBoolean() ? "film-" + r.nextInt(FILMS) : null;
        // every 7th event shares its millisecond with the previous one: ties must break the same way everywhere
        Instant time = START.plusMillis(
                (long) (i - i % 7 / 6) * 3_456_789L % Duration.ofDays(40).toMillis());
        Instant start = action == Action.FILM_PROGRESS ? time.minusMillis(r.nextInt(600_000)) : null;
        Instant end = start == null ? null : start.plusMillis(r.nextInt(3_600_000));
        return new Event(
                new UUID(r.nextLong(), r.nextLong()),
                user,
                action,
                film,
                description(r, i),
                time,
                start,
                end,
                properties(r, i),
                END.plusMillis(i * 100L));
    }

    private static String description(Random r, int i) {
        return switch (i % 5) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "tab\there, new\nline, back\\slash, quote ' \" and ünïcødé ✓";
            default -> "plain " + r.nextInt(1000);
        };
    }

    private static Map<String, Object> properties(Random r, int i) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (i % 4 == 0) {
            return p;
        }
        p.put("quality", "1080p");
        p.put("position", r.nextInt(7200));
        p.put("muted", r.nextBoolean());
        p.put("speed", 1.5);
        p.put("weird \"key\"\t", "value\nwith\\escapes");
        return p;
    }
}
