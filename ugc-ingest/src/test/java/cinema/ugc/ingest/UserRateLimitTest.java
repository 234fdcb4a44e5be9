package cinema.ugc.ingest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cinema.ugc.web.HttpProblem;
import io.github.bucket4j.TimeMeter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-user token buckets on a clock the test moves. */
class UserRateLimitTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    @Test
    void aUserMayBurstTenSecondsWorthThenWaitsForTheRefill() {
        UserRateLimit limit = new UserRateLimit(new RateLimitSettings(10), clock);
        assertDoesNotThrow(() -> limit.admit("alice", 100));
        HttpProblem refused = assertThrows(HttpProblem.class, () -> limit.admit("alice", 20));
        assertEquals(429, refused.status());
        assertEquals("2", refused.headers().get("Retry-After"), "20 events at 10/s");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
        assertDoesNotThrow(() -> limit.admit("alice", 20));
    }

    @Test
    void usersHaveTheirOwnBuckets() {
        UserRateLimit limit = new UserRateLimit(new RateLimitSettings(1), clock);
        limit.admit("alice", 10);
        assertThrows(HttpProblem.class, () -> limit.admit("alice", 1));
        assertDoesNotThrow(() -> limit.admit("bob", 10));
    }

    @Test
    void retryAfterIsRoundedUpToWholeSeconds() {
        UserRateLimit limit = new UserRateLimit(new RateLimitSettings(3), clock);
        limit.admit("alice", 30);
        HttpProblem refused = assertThrows(HttpProblem.class, () -> limit.admit("alice", 1));
        assertEquals("1", refused.headers().get("Retry-After"), "a third of a second rounds up to 1");
    }

    @Test
    void aRequestLargerThanTheBurstPassesOnAFullBucketAndEmptiesIt() {
        UserRateLimit limit = new UserRateLimit(new RateLimitSettings(5), clock);
        assertDoesNotThrow(() -> limit.admit("alice", 1000));
        assertThrows(HttpProblem.class, () -> limit.admit("alice", 1));
    }

    @Test
    void zeroTurnsTheLimitOff() {
        UserRateLimit limit = new UserRateLimit(new RateLimitSettings(0), clock);
        for (int i = 0; i < 100; i++) {
            limit.admit("alice", 1000);
        }
    }
}
