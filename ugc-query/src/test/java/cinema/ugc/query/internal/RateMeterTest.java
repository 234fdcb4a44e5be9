package cinema.ugc.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

class RateMeterTest {
    @Test
    void rateIsTheCounterIncreaseOverTheWindow() {
        AtomicLong counter = new AtomicLong();
        MutableClock clock = MutableClock.of(Instant.parse("2024-02-01T00:00:00Z"), ZoneOffset.UTC);
        RateMeter meter = new RateMeter(counter::get, clock, Duration.ofSeconds(10));
        assertEquals(0.0, meter.perSecond());
        counter.set(500);
        clock.add(Duration.ofSeconds(5));
        assertEquals(100.0, meter.perSecond());
        counter.set(1500);
        clock.add(Duration.ofSeconds(10));
        assertEquals(100.0, meter.perSecond(), "only the samples of the last 10 s count");
    }

    @Test
    void unknownCountersHaveNoRate() {
        assertEquals(-1.0, new RateMeter(() -> -1, MutableClock.epochUTC(), Duration.ofSeconds(10)).perSecond());
    }
}
