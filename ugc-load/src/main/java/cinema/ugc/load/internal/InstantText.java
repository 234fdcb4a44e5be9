package cinema.ugc.load.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 UTC text of an epoch-millisecond instant ({@code 2026-11-28T05:02:07.042Z}) without a
 * {@code DateTimeFormatter} call per instant: the date, hour and minute are formatted once per minute and cached, and
 * the generator's times are almost all in the current minute. Thread-safe (the cache is one immutable object swapped
 * whole).
 */
public final class InstantText {
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:").withZone(ZoneOffset.UTC);
    private static volatile Minute cache = new Minute(Long.MIN_VALUE, "");

    private record Minute(long minute, String prefix) {}

    private InstantText() {}

    public static String format(long epochMillis) {
        long minute = Math.floorDiv(epochMillis, 60_000L);
        Minute m = cache;
        if (m.minute() != minute) {
            m = new Minute(minute, MINUTE.format(Instant.ofEpochMilli(minute * 60_000L)));
            cache = m;
        }
        int inMinute = (int) Math.floorMod(epochMillis, 60_000L);
        int seconds = inMinute / 1000;
        int millis = inMinute % 1000;
        char[] tail = {
            (char) ('0' + seconds / 10),
            (char) ('0' + seconds % 10),
            '.',
            (char) ('0' + millis / 100),
            (char) ('0' + millis / 10 % 10),
            (char) ('0' + millis % 10),
            'Z'
        };
        return m.prefix().concat(new String(tail));
    }
}
