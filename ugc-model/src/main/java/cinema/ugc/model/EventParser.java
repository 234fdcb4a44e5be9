package cinema.ugc.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a client's JSON object into an {@link Event}, enforcing the whole contract and reporting every
 * violation at once so a client fixes its payload in one round trip.
 */
public final class EventParser {
    static final Set<String> CLIENT_FIELDS = Set.of(
            "event_id", "action", "film_id", "description", "event_time", "start_time", "end_time", "properties");
    /** A hostile body may carry thousands of junk names: report a few, count the rest, echo none in full. */
    private static final int MAX_UNKNOWN_REPORTED = 10;

    private static final String INVALID_UNICODE = "is not valid Unicode: it holds a lone surrogate (e.g. \\ud800 "
            + "without its pair); send the text as UTF-8 or escape whole surrogate pairs";
    private static final java.util.regex.Pattern CANONICAL_UUID = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ValidationRules rules;
    private final Clock clock;

    public EventParser(ValidationRules rules, Clock clock) {
        this.rules = Objects.requireNonNull(rules);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * @param userId the authenticated subject; never taken from the body
     * @throws InvalidEventException listing every violation found
     */
    public Event parse(JsonNode node, String userId) {
        if (node == null || !node.isObject()) {
            throw new InvalidEventException(List.of(new Violation("$", "an event must be a JSON object")));
        }
        List<Violation> violations = new ArrayList<>();
        checkFieldNames(node, violations);
        Fields f = new Fields(node, violations);
        UUID eventId = f.uuid("event_id");
        Action action = parseAction(node.get("action"), violations);
        String filmId = f.text("film_id", ValidationRules.MAX_FILM_ID_LENGTH);
        String description = f.text("description", ValidationRules.MAX_DESCRIPTION_LENGTH);
        Instant eventTime = f.instant("event_time");
        Instant startTime = f.instant("start_time");
        Instant endTime = f.instant("end_time");
        Map<String, Object> properties = parseProperties(node.get("properties"), violations);
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        checkRequired(node, action, filmId, violations);
        checkTimes(eventTime, startTime, endTime, now, violations);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
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

    private static void checkFieldNames(JsonNode node, List<Violation> violations) {
        if (node.has("user_id")) {
            violations.add(
                    new Violation("user_id", "must not be sent: the user is taken from the bearer token's subject"));
        }
        int unknown = 0;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("user_id") && !CLIENT_FIELDS.contains(name) && ++unknown <= MAX_UNKNOWN_REPORTED) {
                violations.add(new Violation(
                        abbreviate(printable(name)),
                        "unknown field; allowed: " + String.join(", ", sorted(CLIENT_FIELDS))));
            }
        }
        if (unknown > MAX_UNKNOWN_REPORTED) {
            violations.add(new Violation("$", (unknown - MAX_UNKNOWN_REPORTED) + " more unknown fields"));
        }
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    private static Action parseAction(JsonNode value, List<Violation> violations) {
        if (value == null || value.isNull()) {
            violations.add(new Violation("action", "is required; one of " + Action.allowedValues()));
            return null;
        }
        if (!value.isTextual()) {
            violations.add(new Violation("action", "must be a string; one of " + Action.allowedValues()));
            return null;
        }
        return Action.parse(value.asText()).orElseGet(() -> {
            violations.add(new Violation(
                    "action", "unknown action '" + abbreviate(value.asText()) + "'; one of " + Action.allowedValues()));
            return null;
        });
    }

    private static void checkRequired(JsonNode node, Action action, String filmId, List<Violation> violations) {
        if (action != null && action.requiresFilm() && filmId == null && !node.hasNonNull("film_id")) {
            violations.add(new Violation("film_id", "is required for action " + action));
        }
        if (!node.hasNonNull("event_time")) {
            violations.add(new Violation("event_time", "is required (ISO-8601 instant, e.g. 2024-02-01T08:40:00Z)"));
        }
    }

    private void checkTimes(Instant eventTime, Instant start, Instant end, Instant now, List<Violation> violations) {
        if (eventTime != null && eventTime.isAfter(now.plus(rules.maxFutureSkew()))) {
            violations.add(new Violation("event_time", "is more than " + rules.maxFutureSkew() + " in the future"));
        }
        if (eventTime != null && eventTime.isBefore(now.minus(rules.maxAge()))) {
            violations.add(new Violation("event_time", "is older than the accepted " + rules.maxAge()));
        }
        if (start != null && end != null && end.isBefore(start)) {
            violations.add(new Violation("end_time", "must not be before start_time"));
        }
    }

    private static Map<String, Object> parseProperties(JsonNode value, List<Violation> violations) {
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            violations.add(new Violation("properties", "must be a flat JSON object"));
            return Map.of();
        }
        if (value.size() > ValidationRules.MAX_PROPERTIES) {
            violations.add(new Violation(
                    "properties",
                    "has " + value.size() + " keys; at most " + ValidationRules.MAX_PROPERTIES + " are allowed"));
            return Map.of();
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> parseProperty(e.getKey(), e.getValue(), properties, violations));
        return properties;
    }

    private static void parseProperty(String key, JsonNode value, Map<String, Object> out, List<Violation> violations) {
        String field = "properties." + abbreviate(printable(key));
        if (!wellFormed(key) || value.isTextual() && !wellFormed(value.asText())) {
            violations.add(new Violation(field, INVALID_UNICODE));
        } else if (key.isEmpty() || key.length() > ValidationRules.MAX_PROPERTY_KEY_LENGTH) {
            violations.add(new Violation(
                    field, "key must be 1 to " + ValidationRules.MAX_PROPERTY_KEY_LENGTH + " characters"));
        } else if (value.isTextual() && value.asText().length() > ValidationRules.MAX_PROPERTY_VALUE_LENGTH) {
            violations.add(new Violation(
                    field, "value is longer than " + ValidationRules.MAX_PROPERTY_VALUE_LENGTH + " characters"));
        } else if (value.isTextual()) {
            out.put(key, value.asText());
        } else if (value.isBoolean()) {
            out.put(key, value.booleanValue());
        } else if (value.isNumber() && !isFinite(value)) {
            violations.add(new Violation(field, "number is out of range"));
        } else if (value.isNumber()) {
            out.put(key, value.numberValue());
        } else {
            violations.add(new Violation(field, "value must be a string, number or boolean"));
        }
    }

    /** JSON has no infinity, but 1e400 parses to one; it would be re-encoded as the string "Infinity". */
    private static boolean isFinite(JsonNode number) {
        return !number.isFloatingPointNumber() || number.isBigDecimal() || Double.isFinite(number.doubleValue());
    }

    /**
     * False for a string with a lone surrogate: JSON lets {@code "\ud800"} through as an escape, but it is no
     * character, and UTF-8 encoding would silently turn it into '?' — the stored text would differ from the sent one.
     */
    static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A name fit to echo in an error: lone surrogates replaced by U+FFFD (they cannot be encoded as JSON). */
    static String printable(String text) {
        if (wellFormed(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints()
                .forEach(cp -> out.appendCodePoint(Character.isSurrogate((char) cp) && cp <= 0xFFFF ? 0xFFFD : cp));
        return out.toString();
    }

    static String abbreviate(String text) {
        if (text.length() <= 64) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(60)) ? 60 : 61; // never cut a pair in two
        return text.substring(0, end) + "...";
    }

    /** Reads optional scalar fields, recording a violation for each wrong type or size. */
    private record Fields(JsonNode node, List<Violation> violations) {
        String text(String name, int maxLength) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                violations.add(new Violation(name, "must be a string"));
                return null;
            }
            String text = v.asText();
            if (!wellFormed(text)) {
                violations.add(new Violation(name, INVALID_UNICODE));
                return null;
            }
            if (text.length() > maxLength) {
                violations.add(new Violation(
                        name, "is " + text.length() + " characters; at most " + maxLength + " are allowed"));
                return null;
            }
            if (text.isBlank() && !name.equals("description")) {
                violations.add(new Violation(name, "must not be blank"));
                return null;
            }
            return text;
        }

        UUID uuid(String name) {
            String text = text(name, 36);
            if (text == null) {
                return null;
            }
            try {
                if (!CANONICAL_UUID.matcher(text).matches()) {
                    // UUID.fromString also takes "1-1-1-1-1"; the contract promises the canonical 8-4-4-4-12 form.
                    throw new IllegalArgumentException("not canonical");
                }
                return UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(name, "must be a UUID such as 3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"));
                return null;
            }
        }

        Instant instant(String name) {
            String text = text(name, 64);
            if (text == null) {
                return null;
            }
            try {
                return Instants.parse(text);
            } catch (DateTimeParseException e) {
                violations.add(new Violation(
                        name, "must be an ISO-8601 instant with an offset or Z, e.g. 2024-02-01T08:40:00Z"));
                return null;
            }
        }
    }
}
