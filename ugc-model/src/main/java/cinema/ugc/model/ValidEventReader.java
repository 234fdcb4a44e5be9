package cinema.ugc.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The event read straight from a parser's tokens, for the common case of a valid one: no JSON tree is built. It gives
 * up (null) at the first thing it does not accept as it is — a syntax error, a duplicate or unknown key, a null, a
 * nested value, a value {@link EventParser} would reject, anything after the object — and the caller then parses the
 * tree, which names the problem. So every error message stays the tree parser's, and an event accepted here is
 * exactly the one {@link EventParser#parse} builds from the same text (docs/benchmarks.md, "Ingest CPU per request").
 */
final class ValidEventReader {
    private final EventParser rules;

    ValidEventReader(EventParser rules) {
        this.rules = rules;
    }

    /** The event, or null when the tree parser must look (the parser is read up to that point). */
    Event read(JsonParser json, String userId) {
        try {
            Event event = json.nextToken() == JsonToken.START_OBJECT ? readObject(json, userId) : null;
            return event != null && json.nextToken() == null ? event : null;
        } catch (IOException | RuntimeException e) {
            // malformed JSON or a limit hit (both IOExceptions), or a value no field reader takes: the tree says which
            return null;
        }
    }

    private Event readObject(JsonParser json, String userId) throws IOException {
        Fields f = new Fields();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken token = json.nextToken();
            if (!f.read(name, token, json)) {
                return null;
            }
        }
        return f.toEvent(userId);
    }

    /** The fields as they stream past, each checked as {@link EventParser}'s tree walk checks it. */
    private final class Fields {
        private final List<String> seen = new ArrayList<>(EventParser.CLIENT_FIELDS.size());
        private UUID eventId;
        private Action action;
        private String filmId;
        private String description;
        private Instant eventTime;
        private Instant startTime;
        private Instant endTime;
        private Map<String, Object> properties = Map.of();

        /** False when the field is one the tree parser must report on (unknown, repeated, null, wrong or invalid). */
        boolean read(String name, JsonToken token, JsonParser json) throws IOException {
            if (seen.contains(name) || !EventParser.CLIENT_FIELDS.contains(name)) {
                return false;
            }
            seen.add(name);
            if (name.equals("properties")) {
                properties = token == JsonToken.START_OBJECT ? properties(json) : null;
                return properties != null;
            }
            if (token != JsonToken.VALUE_STRING) {
                return false;
            }
            return scalar(name, json.getText());
        }

        /** Sets the field when the text is valid for it; false when it is not. */
        private boolean scalar(String name, String text) {
            return switch (name) {
                case "event_id" -> (eventId = uuid(text)) != null;
                case "action" -> (action = Action.parse(text).orElse(null)) != null;
                case "film_id" -> (filmId = text(name, text, ValidationRules.MAX_FILM_ID_LENGTH)) != null;
                case "description" -> (description = text(name, text, ValidationRules.MAX_DESCRIPTION_LENGTH)) != null;
                case "event_time" -> (eventTime = instant(text)) != null;
                case "start_time" -> (startTime = instant(text)) != null;
                default -> (endTime = instant(text)) != null; // end_time: the last client field left
            };
        }

        Event toEvent(String userId) {
            Instant now = rules.now();
            if (action == null
                    || eventTime == null
                    || action.requiresFilm() && filmId == null
                    || !rules.timesValid(eventTime, startTime, endTime, now)) {
                return null;
            }
            return new Event(
                    eventId != null ? eventId : RandomUuids.next(),
                    userId,
                    action,
                    filmId,
                    description,
                    eventTime,
                    startTime,
                    endTime,
                    properties,
                    now);
        }
    }

    /** The text when EventParser's text check would pass it, else null. */
    private static String text(String name, String text, int maxLength) {
        boolean blankAllowed = name.equals("description");
        return EventParser.wellFormed(text) && text.length() <= maxLength && (blankAllowed || !text.isBlank())
                ? text
                : null;
    }

    private static UUID uuid(String text) {
        String checked = text("event_id", text, 36);
        return checked != null && EventParser.CANONICAL_UUID.matcher(checked).matches()
                ? UUID.fromString(checked)
                : null;
    }

    private static Instant instant(String text) {
        String checked = text("event_time", text, 64);
        if (checked == null) {
            return null;
        }
        try {
            return Instants.parse(checked);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A flat object of at most MAX_PROPERTIES valid entries, or null. */
    private static Map<String, Object> properties(JsonParser json) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String key = json.currentName();
            Object value = property(key, json.nextToken(), json);
            if (value == null || out.put(key, value) != null || out.size() > ValidationRules.MAX_PROPERTIES) {
                return null;
            }
        }
        return out;
    }

    /**
     * The value as the tree's node would give it ({@code JsonNode.numberValue()}: Integer, Long or Double from JSON
     * text), or null for anything EventParser would reject or that this reader leaves to it (BigInteger).
     */
    private static Object property(String key, JsonToken token, JsonParser json) throws IOException {
        if (!EventParser.wellFormed(key) || key.isEmpty() || key.length() > ValidationRules.MAX_PROPERTY_KEY_LENGTH) {
            return null;
        }
        return switch (token) {
            case VALUE_STRING -> {
                String text = json.getText();
                yield EventParser.wellFormed(text) && text.length() <= ValidationRules.MAX_PROPERTY_VALUE_LENGTH
                        ? text
                        : null;
            }
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT ->
                switch (json.getNumberType()) {
                    case INT -> json.getIntValue();
                    case LONG -> json.getLongValue();
                    default -> null;
                };
            case VALUE_NUMBER_FLOAT -> {
                double number = json.getDoubleValue();
                yield Double.isFinite(number) ? number : null;
            }
            default -> null;
        };
    }
}
