package cinema.ugc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    final EventCodec codec = new EventCodec();

    static Event full() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("quality", "1080p");
        props.put("position", 42);
        props.put("ratio", 0.25);
        props.put("hd", true);
        return new Event(
                UUID.randomUUID(),
                "user-ü",
                Action.FILM_PROGRESS,
                "film-1",
                "ünïcødé \"quoted\"",
                Instant.parse("2026-11-28T12:00:00.123Z"),
                Instant.parse("2026-11-28T11:00:00Z"),
                Instant.parse("2026-11-28T11:59:59.999Z"),
                props,
                Instant.parse("2026-11-28T12:00:01Z"));
    }

    @Test
    void roundTripsEveryField() {
        Event event = full();
        assertEquals(event, codec.decode(codec.encode(event)));
    }

    @Test
    void roundTripsMinimalEvent() {
        Event event = new Event(
                UUID.randomUUID(),
                "u",
                Action.CLICK,
                null,
                null,
                Instant.parse("2026-01-01T00:00:00Z"),
                null,
                null,
                Map.of(),
                Instant.parse("2026-01-01T00:00:00.001Z"));
        assertEquals(event, codec.decode(codec.encode(event)));
    }

    @Test
    void writesSchemaVersionAndSnakeCase() {
        String json = new String(codec.encode(full()), StandardCharsets.UTF_8);
        for (String field : List.of(
                "\"v\":1",
                "\"event_id\"",
                "\"user_id\"",
                "\"film_id\"",
                "\"event_time\"",
                "\"start_time\"",
                "\"end_time\"",
                "\"received_at\"",
                "\"properties\"")) {
            assertTrue(json.contains(field), field + " in " + json);
        }
        assertTrue(json.contains("\"event_time\":\"2026-11-28T12:00:00.123Z\""), json);
    }

    @Test
    void rejectsWhatIsNotAnEventNamingTheFields() {
        assertThrows(InvalidEventException.class, () -> codec.decode(null));
        assertThrows(InvalidEventException.class, () -> codec.decode("not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(InvalidEventException.class, () -> codec.decode("[1]".getBytes(StandardCharsets.UTF_8)));
        InvalidEventException e = assertThrows(
                InvalidEventException.class,
                () -> codec.decode(
                        "{\"v\":2,\"event_id\":\"nope\",\"action\":\"RATING\"}".getBytes(StandardCharsets.UTF_8)));
        List<String> fields = e.violations().stream().map(Violation::field).toList();
        assertTrue(
                fields.containsAll(List.of("v", "event_id", "user_id", "event_time", "received_at", "film_id")),
                fields.toString());
    }

    @Test
    void propertiesJsonRoundTrips() {
        Map<String, Object> props = full().properties();
        assertEquals(props, codec.parsePropertiesJson(codec.propertiesJson(props)));
        assertEquals(Map.of(), codec.parsePropertiesJson(""));
        assertThrows(IllegalArgumentException.class, () -> codec.parsePropertiesJson("{"));
    }
}
