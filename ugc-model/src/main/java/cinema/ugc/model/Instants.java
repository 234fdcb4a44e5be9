package cinema.ugc.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** ISO-8601 instants as the contract speaks them: with an offset or Z, kept to the millisecond (the precision the contract promises). */
public final class Instants {
    private Instants() {
    }

    /** Parses {@code 2024-02-01T08:40:00Z} or {@code 2024-02-01T11:40:00+03:00}; a local time without offset fails. */
    public static Instant parse(String text) {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().truncatedTo(ChronoUnit.MILLIS);
    }

    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
