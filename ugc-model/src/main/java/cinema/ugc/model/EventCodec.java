package cinema.ugc.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Kafka value of an event: UTF-8 JSON with the contract's snake_case names plus {@code v} (schema version),
 * {@code user_id} and {@code received_at}. Thread-safe.
 */
public final class EventCodec {
    public static final int SCHEMA_VERSION = 1;

    private final ObjectMapper mapper;

    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public EventCodec() {
        this(new ObjectMapper());
    }

    public byte[] encode(Event event) {
        // Streamed rather than built as a tree and serialised: the tree cost about a third of the ingest path's CPU.
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("v", SCHEMA_VERSION);
            json.writeStringField("event_id", event.eventId().toString());
            json.writeStringField("user_id", event.userId());
            json.writeStringField("action", event.action().name());
            writeIfPresent(json, "film_id", event.filmId());
            writeIfPresent(json, "description", event.description());
            json.writeStringField("event_time", Instants.format(event.eventTime()));
            writeIfPresent(json, "start_time", event.startTime() == null ? null : Instants.format(event.startTime()));
            writeIfPresent(json, "end_time", event.endTime() == null ? null : Instants.format(event.endTime()));
            json.writeFieldName("properties");
            writeProperties(json, event.properties());
            json.writeStringField("received_at", Instants.format(event.receivedAt()));
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode event " + event.eventId(), e);
        }
        return out.toByteArray();
    }

    private static void writeProperties(JsonGenerator json, Map<String, Object> properties) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, Object> p : properties.entrySet()) {
            json.writeFieldName(p.getKey());
            Object value = p.getValue();
            if (value instanceof String text) {
                json.writeString(text);
            } else if (value instanceof Boolean flag) {
                json.writeBoolean(flag);
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                json.writeNumber(((Number) value).longValue());
            } else if (value instanceof Double number) {
                json.writeNumber(number);
            } else {
                json.writeObject(value); // BigDecimal, BigInteger, Float, null: Jackson's own rules
            }
        }
        json.writeEndObject();
    }

    private static void writeIfPresent(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    /** The properties as a JSON object text, the form every store keeps them in. */
    public String propertiesJson(Map<String, Object> properties) {
        try {
            return mapper.writeValueAsString(properties);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode properties", e);
        }
    }

    public Map<String, Object> parsePropertiesJson(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            JsonNode node = mapper.readTree(json);
            Map<String, Object> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> out.put(e.getKey(), scalar(e.getValue())));
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("properties are not a JSON object: " + EventParser.abbreviate(json), e);
        }
    }

    /**
     * Decodes a Kafka value written by {@link #encode}.
     *
     * @throws InvalidEventException when the bytes are not such an event (the record belongs in the dead-letter topic)
     */
    public Event decode(byte[] value) {
        if (value == null) {
            throw invalid("$", "record has no value");
        }
        // Streaming rather than readTree: decoding is the ETL's largest per-row cost, and a tree doubles it.
        try (JsonParser parser = mapper.getFactory().createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("$", "not a JSON object");
            }
            WireFields fields = new WireFields();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                fields.read(name, parser);
            }
            return fields.toEvent();
        } catch (JsonProcessingException e) {
            throw invalid("$", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("$", "unreadable value: " + e.getMessage());
        }
    }

    /** The wire fields of one record as they stream past; {@link #toEvent} validates them all at once. */
    private static final class WireFields {
        private final Map<String, String> text = new java.util.HashMap<>();
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private String version = "missing";

        void read(String name, JsonParser parser) throws IOException {
            JsonToken token = parser.currentToken();
            if (name.equals("properties") && token == JsonToken.START_OBJECT) {
                readProperties(parser);
            } else if (name.equals("v")) {
                version = parser.getText();
            } else if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
                text.put(name, parser.getText());
            } else {
                parser.skipChildren();
            }
        }

        private void readProperties(JsonParser parser) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken token = parser.nextToken();
                if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                    properties.put(key, parser.getBooleanValue());
                } else if (token.isNumeric()) {
                    properties.put(key, parser.getNumberValue());
                } else if (token.isScalarValue()) {
                    properties.put(key, parser.getText());
                } else {
                    parser.skipChildren();
                    properties.put(key, "");
                }
            }
        }

        Event toEvent() {
            List<Violation> violations = new ArrayList<>();
            if (!String.valueOf(SCHEMA_VERSION).equals(version)) {
                violations.add(new Violation("v", "unsupported schema version " + version + "; expected " + SCHEMA_VERSION));
            }
            UUID eventId = read("event_id", true, violations, UUID::fromString);
            String userId = read("user_id", true, violations, s -> s);
            Action action = read("action", true, violations, s -> Action.parse(s).orElseThrow(
                    () -> new IllegalArgumentException("unknown action")));
            Instant eventTime = read("event_time", true, violations, Instants::parse);
            Instant receivedAt = read("received_at", true, violations, Instants::parse);
            Instant start = read("start_time", false, violations, Instants::parse);
            Instant end = read("end_time", false, violations, Instants::parse);
            String filmId = read("film_id", false, violations, s -> s);
            String description = read("description", false, violations, s -> s);
            if (action != null && action.requiresFilm() && filmId == null) {
                violations.add(new Violation("film_id", "is required for action " + action));
            }
            if (!violations.isEmpty()) {
                throw new InvalidEventException(violations);
            }
            return new Event(eventId, userId, action, filmId, description, eventTime, start, end, properties, receivedAt);
        }

        private <T> T read(String field, boolean required, List<Violation> violations, Reader<T> reader) {
            String value = text.get(field);
            if (value == null) {
                if (required) {
                    violations.add(new Violation(field, "is required"));
                }
                return null;
            }
            try {
                return reader.read(value);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                violations.add(new Violation(field, "malformed value '" + EventParser.abbreviate(value) + "'"));
                return null;
            }
        }
    }

    private interface Reader<T> {
        T read(String text);
    }

    private static Object scalar(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        return value.asText();
    }

    private static InvalidEventException invalid(String field, String reason) {
        return new InvalidEventException(List.of(new Violation(field, reason)));
    }
}
