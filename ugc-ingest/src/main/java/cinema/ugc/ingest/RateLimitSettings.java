package cinema.ugc.ingest;

import cinema.ugc.model.config.Env;
import cinema.ugc.model.config.Setting;
import java.util.List;

/**
 * The per-user rate limit of the write path (per instance, in memory).
 *
 * @param eventsPerSecond events a token subject may send per second on average, with a burst of ten seconds' worth;
 *                        0 turns the limit off
 */
public record RateLimitSettings(int eventsPerSecond) {
    /** A user who was quiet this long has a full bucket again, so bursts are ten seconds' worth. */
    public static final int BURST_SECONDS = 10;

    public static final Setting<Integer> EVENTS_PER_USER = Setting.integer(
            "UGC_RATE_LIMIT_EVENTS_PER_USER",
            200,
            0,
            1_000_000,
            "Events per second one user (token subject) may send, with a burst of 10 s worth; over it "
                    + "429 + Retry-After and nothing is written. Per instance, in memory; 0 = off.");

    public static final List<Setting<?>> SETTINGS = List.of(EVENTS_PER_USER);

    public static RateLimitSettings from(Env env) {
        return new RateLimitSettings(env.get(EVENTS_PER_USER));
    }

    public static RateLimitSettings defaults() {
        return from(Env.of(java.util.Map.of()));
    }

    public boolean enabled() {
        return eventsPerSecond > 0;
    }

    public long burst() {
        return (long) eventsPerSecond * BURST_SECONDS;
    }
}
