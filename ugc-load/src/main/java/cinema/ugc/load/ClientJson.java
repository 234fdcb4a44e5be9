package cinema.ugc.load;

import cinema.ugc.load.internal.InstantText;
import cinema.ugc.model.Event;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An event as a client sends it to {@code POST /api/v1/events[/batch]}: the contract's fields without the ones the
 * server adds ({@code user_id} comes from the token, {@code received_at} and {@code v} from the API). Thread-safe.
 */
public final class ClientJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private ClientJson() {}

    /** One event as the client's JSON object. */
    public static byte[] event(Event event) {
        return write(g -> writeEvent(g, event, 0));
    }

    /** A JSON array of events, the body of {@code POST /api/v1/events/batch}. */
    public static byte[] batch(List<Event> events) {
        return write(g -> {
            g.writeStartArray();
            for (Event e : events) {
                writeEvent(g, e, 0);
            }
            g.writeEndArray();
        });
    }

    /**
     * The body of a request sent at {@code sentAtMillis}: the model's clock is simulated and the API accepts only
     * times near the present, so each event's times move — the last event to {@code sentAtMillis}, the others 1 ms
     * apart before it, in order — and every {@code start_time}..{@code end_time} keeps its length (end ≥ start holds).
     * One event alone is written as an object, several as an array.
     */
    public static byte[] sentAt(List<Event> events, long sentAtMillis, boolean asArray) {
        int n = events.size();
        return write(g -> {
            if (asArray) {
                g.writeStartArray();
            }
            for (int i = 0; i < n; i++) {
                Event e = events.get(i);
                writeEvent(g, e, sentAtMillis - (n - 1 - i) - e.eventTime().toEpochMilli());
            }
            if (asArray) {
                g.writeEndArray();
            }
        });
    }

    /** The same JSON as a tree, e.g. to feed {@code cinema.ugc.model.EventParser}. */
    public static JsonNode tree(Event event) {
        try {
            return MAPPER.readTree(event(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeEvent(JsonGenerator g, Event e, long shiftMillis) throws IOException {
        g.writeStartObject();
        g.writeStringField("event_id", e.eventId().toString());
        g.writeStringField("action", e.action().name());
        writeIfPresent(g, "film_id", e.filmId());
        writeIfPresent(g, "description", e.description());
        writeTime(g, "event_time", e.eventTime(), shiftMillis);
        writeTime(g, "start_time", e.startTime(), shiftMillis);
        writeTime(g, "end_time", e.endTime(), shiftMillis);
        g.writeObjectFieldStart("properties");
        for (Map.Entry<String, Object> p : e.properties().entrySet()) {
            writeScalar(g, p.getKey(), p.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeScalar(JsonGenerator g, String key, Object value) throws IOException {
        if (value instanceof Boolean b) {
            g.writeBooleanField(key, b);
        } else if (value instanceof Integer i) {
            g.writeNumberField(key, i);
        } else if (value instanceof Long l) {
            g.writeNumberField(key, l);
        } else if (value instanceof Number n) {
            g.writeNumberField(key, n.doubleValue());
        } else {
            g.writeStringField(key, String.valueOf(value));
        }
    }

    private static void writeTime(JsonGenerator g, String field, Instant time, long shiftMillis) throws IOException {
        if (time != null) {
            g.writeStringField(field, InstantText.format(time.toEpochMilli() + shiftMillis));
        }
    }

    private static void writeIfPresent(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }
}
