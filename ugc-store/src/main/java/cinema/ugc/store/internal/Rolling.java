package cinema.ugc.store.internal;

import cinema.ugc.store.EventQueries.DailyAverage;
import cinema.ugc.store.EventQueries.TimeCount;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The 7-day rolling average, computed once in Java from per-day counts so every store gives the same answer:
 * for each UTC day in the range with events, the sum of that day's and the six previous days' counts divided by 7
 * (days without events count as 0).
 */
public final class Rolling {
    public static final Duration WINDOW_BEFORE = Duration.ofDays(6);

    private Rolling() {}

    /** The range whose daily counts {@link #average7d} needs: six whole days earlier than {@code from}'s day. */
    public static Instant countsFrom(Instant from) {
        return from.truncatedTo(ChronoUnit.DAYS).minus(WINDOW_BEFORE);
    }

    /** @param daily per-day counts from {@link #countsFrom(Instant)} up to {@code to}, ascending */
    public static List<DailyAverage> average7d(List<TimeCount> daily, Instant from) {
        Map<Instant, Long> byDay = new HashMap<>();
        daily.forEach(d -> byDay.put(d.time(), d.count()));
        Instant firstDay = from.truncatedTo(ChronoUnit.DAYS);
        List<DailyAverage> out = new ArrayList<>();
        for (TimeCount d : daily) {
            if (d.time().isBefore(firstDay)) {
                continue;
            }
            long sum = 0;
            for (int i = 0; i < 7; i++) {
                sum += byDay.getOrDefault(d.time().minus(Duration.ofDays(i)), 0L);
            }
            out.add(new DailyAverage(d.time(), d.count(), sum / 7.0));
        }
        return out;
    }
}
