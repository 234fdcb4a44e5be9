package cinema.ugc.query.internal;

import cinema.ugc.model.Action;
import cinema.ugc.model.Instants;
import cinema.ugc.model.ValidationRules;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parses and validates request parameters; every failure names the parameter and says what is allowed. */
public final class Params {
    private Params() {}

    /** An optional whole number in [min, max]; {@code fallback} when absent. */
    public static int limit(String name, String text, int fallback, int min, int max) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw BadParameter.of(
                name, "must be a whole number from " + min + " to " + max + ", got '" + abbreviate(text) + "'");
    }

    /** An optional ISO-8601 instant with offset or Z; {@code fallback} when absent. */
    public static Instant instant(String name, String text, Instant fallback) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            return Instants.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw BadParameter.of(
                    name,
                    "must be an ISO-8601 instant with offset or Z, e.g. " + "2024-02-01T08:40:00Z, got '"
                            + abbreviate(text) + "'");
        }
    }

    /** An optional action name in any case; {@code fallback} when absent. */
    public static Action action(String name, String text, Action fallback) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        return Action.parse(text)
                .orElseThrow(() -> BadParameter.of(
                        name, "unknown action '" + abbreviate(text) + "'; one of " + Action.allowedValues()));
    }

    /** A film id path segment: non-blank and within the contract's length. */
    public static String filmId(String name, String text) {
        if (text == null || text.isBlank()) {
            throw BadParameter.of(name, "must not be empty");
        }
        if (text.length() > ValidationRules.MAX_FILM_ID_LENGTH) {
            throw BadParameter.of(name, "is longer than " + ValidationRules.MAX_FILM_ID_LENGTH + " characters");
        }
        return text;
    }

    /** Checks {@code from < to}, naming {@code from} when not. */
    public static void range(Instant from, Instant to, java.time.Duration maxRange) {
        if (!from.isBefore(to)) {
            throw BadParameter.of("from", "must be before to (" + Instants.format(to) + ")");
        }
        if (java.time.Duration.between(from, to).compareTo(maxRange) > 0) {
            throw BadParameter.of("from", "is more than " + maxRange.toDays() + " days before to");
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
