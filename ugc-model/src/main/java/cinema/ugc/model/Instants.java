package cinema.ugc.model;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * ISO-8601 instants as the contract speaks them: with an offset or Z, kept to the millisecond (the precision the
 * contract promises).
 *
 * <p>Every event carries three or four instants, and java.time's formatter-based parse and format were the largest
 * single cost of the ingest path and of the ETL's decoding (docs/benchmarks.md#ingest-api). The
 * shape the player and the codec actually send — {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)} — is therefore read
 * and written by hand here; anything else goes to the {@link DateTimeFormatter}, so its rules and error messages stay
 * the contract's ({@code InstantsTest} checks both paths agree).
 */
public final class Instants {
    private static final int SHORTEST = "2024-02-01T08:40:00Z".length();
    private static final int MILLIS_IN_NANOS = 1_000_000;

    private Instants() {}

    /** Parses {@code 2024-02-01T08:40:00Z} or {@code 2024-02-01T11:40:00+03:00}; a local time without offset fails. */
    public static Instant parse(String text) {
        Instant fast = parseCommonShape(text);
        return fast != null ? fast : parseByFormatter(text);
    }

    static Instant parseByFormatter(String text) {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant()
                .truncatedTo(ChronoUnit.MILLIS);
    }

    public static String format(Instant instant) {
        String fast = formatCommonRange(instant);
        return fast != null ? fast : formatByFormatter(instant);
    }

    static String formatByFormatter(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** The common shape, or null when the text is anything else (including out-of-range fields) for the formatter to judge. */
    private static Instant parseCommonShape(String s) {
        int n = s.length();
        if (n < SHORTEST
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i++) - '0');
            }
            if (i == start || (i < n && isDigit(s.charAt(i)))) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds = offsetSeconds(s, i);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            long epochSecond = epochDay * 86_400 + hour * 3_600L + minute * 60L + second - offsetSeconds;
            return Instant.ofEpochSecond(epochSecond, nanos - nanos % MILLIS_IN_NANOS);
        } catch (DateTimeException e) {
            return null; // e.g. 2023-02-30: the formatter rejects it with the contract's message
        }
    }

    /** {@code Z} or {@code ±HH:MM} ending the text at {@code i}, in seconds east of UTC; MIN_VALUE for anything else. */
    private static int offsetSeconds(String s, int i) {
        int n = s.length();
        if (n == i + 1 && s.charAt(i) == 'Z') {
            return 0;
        }
        if (n != i + 6 || s.charAt(i + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        char sign = s.charAt(i);
        int hours = digits(s, i + 1, 2);
        int minutes = digits(s, i + 4, 2);
        if ((sign != '+' && sign != '-')
                || hours < 0
                || minutes < 0
                || hours > 18
                || minutes > 59
                || (hours == 18 && minutes > 0)) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3_600 + minutes * 60;
        return sign == '+' ? seconds : -seconds;
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** ISO_INSTANT's text for years 0000–9999 (fraction in groups of three digits, as ISO_INSTANT prints it), else null. */
    private static String formatCommonRange(Instant instant) {
        LocalDateTime t;
        try {
            t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return null;
        }
        // Digits written into a byte buffer and made a Latin-1 string in one copy: three instants per event are
        // encoded on every request, and StringBuilder's int appends were most of the cost.
        byte[] out = new byte[30];
        int n = writeDigits(out, 0, year, 4);
        out[n++] = '-';
        n = writeDigits(out, n, t.getMonthValue(), 2);
        out[n++] = '-';
        n = writeDigits(out, n, t.getDayOfMonth(), 2);
        out[n++] = 'T';
        n = writeDigits(out, n, t.getHour(), 2);
        out[n++] = ':';
        n = writeDigits(out, n, t.getMinute(), 2);
        out[n++] = ':';
        n = writeDigits(out, n, t.getSecond(), 2);
        int nano = t.getNano();
        if (nano != 0) {
            out[n++] = '.';
            if (nano % 1_000_000 == 0) {
                n = writeDigits(out, n, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                n = writeDigits(out, n, nano / 1_000, 6);
            } else {
                n = writeDigits(out, n, nano, 9);
            }
        }
        out[n++] = 'Z';
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** Writes {@code value} (non-negative, below 10^width) as exactly {@code width} digits; returns the next index. */
    private static int writeDigits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
