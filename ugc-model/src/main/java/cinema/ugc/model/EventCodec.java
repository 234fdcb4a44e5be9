package cinema.ugc.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        // Streamed rather than built as a tree and serialised: the tree is a large share of the ingest path's CPU
        // (docs/benchmarks.md#ingest-api).
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
            } else if (value instanceof Integer
                    || value instanceof Long
                    || value instanceof Short
                    || value instanceof Byte) {
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
            WireFields fields = new WireFields(value);
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

    /**
     * The wire fields of one record as they stream past; {@link #toEvent} validates them all at once. Plain fields,
     * not a map: this runs once per consumed record.
     */
    private static final class WireFields {
        private final byte[] source;
        private final LinkedHashMap<String, Object> properties = new LinkedHashMap<>();
        private String propertiesJson; // the properties' own text when a store would write exactly that, else null
        private String version = "missing";
        private String eventId;
        private String userId;
        private String action;
        private String filmId;
        private String description;
        private String eventTime;
        private String startTime;
        private String endTime;
        private String receivedAt;

        WireFields(byte[] source) {
            this.source = source;
        }

        void read(String name, JsonParser parser) throws IOException {
            JsonToken token = parser.currentToken();
            if (name.equals("properties") && token == JsonToken.START_OBJECT) {
                readProperties(parser);
            } else if (name.equals("v")) {
                version = parser.getText();
            } else if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
                scalar(name, parser.getText());
            } else {
                parser.skipChildren();
            }
        }

        private void scalar(String name, String text) {
            switch (name) {
                case "event_id" -> eventId = text;
                case "user_id" -> userId = text;
                case "action" -> action = text;
                case "film_id" -> filmId = text;
                case "description" -> description = text;
                case "event_time" -> eventTime = text;
                case "start_time" -> startTime = text;
                case "end_time" -> endTime = text;
                case "received_at" -> receivedAt = text;
                default -> {
                    // a field of a later schema version or a stray one: the version check decides
                }
            }
        }

        private void readProperties(JsonParser parser) throws IOException {
            long start = parser.currentTokenLocation().getByteOffset();
            int fields = 0;
            boolean canonical = true;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken token = parser.nextToken();
                fields++;
                if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                    properties.put(key, parser.getBooleanValue());
                } else if (token.isNumeric()) {
                    Number number = parser.getNumberValue();
                    properties.put(key, number);
                    canonical &= (number instanceof Integer || number instanceof Long || number instanceof Double)
                            && String.valueOf(number).equals(parser.getText());
                } else if (token.isScalarValue()) {
                    properties.put(key, parser.getText());
                    canonical &= token == JsonToken.VALUE_STRING;
                } else {
                    parser.skipChildren();
                    properties.put(key, "");
                    canonical = false;
                }
            }
            long end = parser.currentTokenLocation().getByteOffset() + 1;
            if (canonical
                    && fields == properties.size()
                    && start >= 0
                    && end <= source.length
                    && compactWithoutEscapes((int) start, (int) end)) {
                propertiesJson = new String(source, (int) start, (int) (end - start), StandardCharsets.UTF_8);
            }
        }

        /**
         * Whether the text is compact (no whitespace between tokens) and free of escapes, which different JSON writers
         * write differently. Without escapes a quote always opens or closes a string, so one pass tells them apart.
         */
        private boolean compactWithoutEscapes(int from, int to) {
            boolean inString = false;
            for (int i = from; i < to; i++) {
                byte b = source[i];
                if (b == '\\') {
                    return false;
                }
                if (b == '"') {
                    inString = !inString;
                } else if (!inString && (b == ' ' || b == '\t' || b == '\n' || b == '\r')) {
                    return false;
                }
            }
            return true;
        }

        Event toEvent() {
            List<Violation> violations = new ArrayList<>();
            if (!String.valueOf(SCHEMA_VERSION).equals(version)) {
                violations.add(
                        new Violation("v", "unsupported schema version " + version + "; expected " + SCHEMA_VERSION));
            }
            UUID id = read("event_id", eventId, true, violations, UUID::fromString);
            String user = read("user_id", userId, true, violations, s -> s);
            Action act = read(
                    "action",
                    action,
                    true,
                    violations,
                    s -> Action.parse(s).orElseThrow(() -> new IllegalArgumentException("unknown action")));
            Instant time = read("event_time", eventTime, true, violations, Instants::parse);
            Instant received = read("received_at", receivedAt, true, violations, Instants::parse);
            Instant start = read("start_time", startTime, false, violations, Instants::parse);
            Instant end = read("end_time", endTime, false, violations, Instants::parse);
            if (act != null && act.requiresFilm() && filmId == null) {
                violations.add(new Violation("film_id", "is required for action " + act));
            }
            if (!violations.isEmpty()) {
                throw new InvalidEventException(violations);
            }
            Map<String, Object> props =
                    propertiesJson != null ? new JsonProperties(properties, propertiesJson) : properties;
            return new Event(id, user, act, filmId, description, time, start, end, props, received);
        }

        private static <T> T read(
                String field, String value, boolean required, List<Violation> violations, Reader<T> reader) {
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
