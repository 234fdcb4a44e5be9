package cinema.ugc.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateMeterTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2024-02-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void rateIsTheCounterIncreaseOverTheWindow() {
        AtomicLong counter = new AtomicLong();
        ManualClock clock = new ManualClock();
        RateMeter meter = new RateMeter(counter::get, clock, Duration.ofSeconds(10));
        assertEquals(0.0, meter.perSecond());
        counter.set(500);
        clock.now = clock.now.plusSeconds(5);
        assertEquals(100.0, meter.perSecond());
        counter.set(1500);
        clock.now = clock.now.plusSeconds(10);
        assertEquals(100.0, meter.perSecond(), "only the samples of the last 10 s count");
    }

    @Test
    void unknownCountersHaveNoRate() {
        assertEquals(-1.0, new RateMeter(() -> -1, new ManualClock(), Duration.ofSeconds(10)).perSecond());
    }
}
