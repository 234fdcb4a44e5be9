package cinema.ugc.traffic;

import java.time.Instant;

/**
 * How precise the model's times are. The model runs on a millisecond clock; {@link #SECONDS} truncates every time it
 * writes into an event (event, start, end and received times) to the whole second — for a store whose type keeps no
 * more (ClickHouse 18.16's {@code DateTime}), so that every store holds exactly the same values. Truncation keeps the
 * stream's time order and a progress interval's start before its end.
 */
public enum TimePrecision {
    MILLIS,
    SECONDS;

    public Instant instant(long epochMillis) {
        return this == MILLIS
                ? Instant.ofEpochMilli(epochMillis)
                : Instant.ofEpochSecond(Math.floorDiv(epochMillis, 1000L));
    }
}
