package cinema.ugc.ingest;

import cinema.ugc.web.HttpProblem;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * One Bucket4j token bucket per user (token subject): a request takes one token per event, or is refused as a whole
 * with a 429 whose {@code Retry-After} says when enough tokens will be back. Buckets live in a bounded cache; a
 * bucket idle for longer than its burst takes to refill is full anyway, so forgetting it changes nothing.
 */
public final class UserRateLimit {
    private static final int MAX_USERS = 200_000;

    private final RateLimitSettings settings;
    private final TimeMeter time;
    private final LoadingCache<String, Bucket> buckets;

    public UserRateLimit(RateLimitSettings settings, TimeMeter time) {
        this.settings = settings;
        this.time = time;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_USERS)
                .expireAfterAccess(Duration.ofSeconds(RateLimitSettings.BURST_SECONDS * 2L))
                .build(user -> newBucket());
    }

    public UserRateLimit(RateLimitSettings settings) {
        this(settings, TimeMeter.SYSTEM_NANOTIME);
    }

    /**
     * Takes {@code events} tokens from the user's bucket.
     *
     * @throws HttpProblem 429 with {@code Retry-After} (whole seconds, at least 1) when the bucket holds too few
     */
    public void admit(String user, int events) {
        if (!settings.enabled()) {
            return;
        }
        // a request larger than the whole burst could never pass; it may empty a full bucket instead
        long tokens = Math.min(events, settings.burst());
        ConsumptionProbe probe = buckets.get(user).tryConsumeAndReturnRemaining(tokens);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw HttpProblem.tooManyRequests(
                    "this user sent more than " + settings.eventsPerSecond()
                            + " events/s (burst " + settings.burst()
                            + "); nothing of this request was written, retry after "
                            + seconds + "s",
                    seconds);
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(settings.burst())
                        .refillGreedy(settings.eventsPerSecond(), Duration.ofSeconds(1))
                        .build())
                .withCustomTimePrecision(time)
                .build();
    }
}
