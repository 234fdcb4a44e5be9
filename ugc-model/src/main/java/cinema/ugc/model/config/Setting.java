package cinema.ugc.model.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One configuration key, declared once with its documentation, default and parser — the single source for
 * validation at start-up and for the README's settings table (a test checks the two agree).
 *
 * @param key           environment variable name, {@code UGC_*}
 * @param defaultValue  textual default, or null when the setting is optional and has none
 */
public record Setting<T>(String key, String description, String defaultValue, Function<String, T> parser) {

    public Setting {
        Objects.requireNonNull(key);
        Objects.requireNonNull(description);
        Objects.requireNonNull(parser);
        if (!key.startsWith("UGC_")) {
            throw new IllegalArgumentException("settings are named UGC_*: " + key);
        }
    }

    /** Reads and validates the setting; null only when it is unset and has no default. */
    public T read(Env env) {
        String text = env.raw(key).orElse(defaultValue);
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw new ConfigException("invalid " + key + "='" + text + "': " + e.getMessage());
        }
    }

    public static Setting<String> string(String key, String defaultValue, String description) {
        return new Setting<>(key, description, defaultValue, s -> s);
    }

    public static Setting<Integer> integer(String key, int defaultValue, int min, int max, String description) {
        return new Setting<>(key, description, Integer.toString(defaultValue), s -> {
            int v;
            try {
                v = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return v;
        });
    }

    public static Setting<Boolean> bool(String key, boolean defaultValue, String description) {
        return new Setting<>(
                key, description, Boolean.toString(defaultValue), s -> switch (s.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "1" -> true;
                    case "false", "no", "0" -> false;
                    default -> throw new IllegalArgumentException("must be true or false");
                });
    }

    /** Durations as {@code 500ms}, {@code 5s}, {@code 10m}, {@code 1h}, {@code 30d}, or ISO-8601 {@code PT5S}. */
    public static Setting<Duration> duration(String key, String defaultValue, String description) {
        return new Setting<>(key, description, defaultValue, Setting::parseDuration);
    }

    public static <E extends Enum<E>> Setting<E> oneOf(String key, E defaultValue, Class<E> type, String description) {
        String allowed = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return new Setting<>(
                key,
                description + " One of: " + allowed + ".",
                defaultValue.name().toLowerCase(Locale.ROOT),
                s -> {
                    try {
                        return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("must be one of " + allowed);
                    }
                });
    }

    public static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            Duration iso = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            if (iso.isNegative()) {
                throw new IllegalArgumentException("must not be negative");
            }
            return iso;
        }
        var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration; write e.g. 500ms, 5s, 10m, 1h, 30d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
