package cinema.ugc.query.internal;

import cinema.ugc.model.Instants;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page of a user's events starts: the events strictly before {@code before}, newest first, after skipping the
 * first {@code skip} of them. The store orders ties on event_time deterministically (by event id), so skipping the
 * events of the boundary millisecond already shown pages exactly even when many events share one timestamp.
 *
 * <p>On the wire {@code before} is either an ISO-8601 instant (skip 0) or the opaque {@code next} cursor of the
 * previous page.
 */
public record EventsCursor(Instant before, int skip) {
    private static final String PREFIX = "c1.";
    /** Skipping more than this means a pathological burst in one millisecond; refuse instead of scanning. */
    public static final int MAX_SKIP = 100_000;

    public static EventsCursor parse(String text, Instant fallback) {
        if (text == null || text.isEmpty()) {
            return new EventsCursor(fallback, 0);
        }
        if (text.startsWith(PREFIX)) {
            return decode(text);
        }
        try {
            return new EventsCursor(Instants.parse(text.trim()), 0);
        } catch (DateTimeParseException e) {
            throw BadParameter.of(
                    "before",
                    "must be an ISO-8601 instant (e.g. 2024-02-01T08:40:00Z) "
                            + "or the 'next' cursor of a previous page, got '" + Params.abbreviate(text) + "'");
        }
    }

    public String encode() {
        String raw = before.toEpochMilli() + ":" + skip;
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static EventsCursor decode(String text) {
        try {
            String raw =
                    new String(Base64.getUrlDecoder().decode(text.substring(PREFIX.length())), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            long millis = Long.parseLong(raw.substring(0, colon));
            int skip = Integer.parseInt(raw.substring(colon + 1));
            if (skip < 0 || skip > MAX_SKIP) {
                throw new IllegalArgumentException("skip out of range");
            }
            return new EventsCursor(Instant.ofEpochMilli(millis), skip);
        } catch (RuntimeException e) {
            throw BadParameter.of("before", "is not a valid cursor; use the 'next' value of a previous page");
        }
    }
}
