package cinema.ugc.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The shape of synthetic traffic: who (a population of {@code users} with Zipf/Pareto-skewed activity), what
 * ({@code films} with Zipf popularity) and when (session arrivals spread over {@code [from, to)} with a daily rhythm,
 * dense enough that about {@code expectedEvents} events fall in the window) — and the two things its users choose
 * without changing the sessions: how ids read and how precise times are.
 *
 * @param seed            decides every choice of the model: the same config yields the same events on every run
 * @param idSeed          decides the event ids only; equal to {@code seed} unless a caller wants fresh ids for the
 *                        same traffic (the load generator does, so a rerun is not deduplicated away downstream)
 * @param userSkew        Zipf exponent of user activity (0 = uniform; 1 = classic Zipf)
 * @param filmSkew        Zipf exponent of film popularity
 * @param ids             how users and films are named (UUIDs from the seed, or readable ranks)
 * @param precision       milliseconds, or whole seconds for a store that keeps no more
 */
public record TrafficConfig(
        long seed,
        long idSeed,
        int users,
        int films,
        Instant from,
        Instant to,
        long expectedEvents,
        double userSkew,
        double filmSkew,
        IdScheme ids,
        TimePrecision precision) {
    public static final double DEFAULT_USER_SKEW = 0.8;
    public static final double DEFAULT_FILM_SKEW = 1.0;

    public TrafficConfig {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(precision, "precision");
        require(users >= 1, "users must be at least 1, got " + users);
        require(films >= 1, "films must be at least 1, got " + films);
        require(to.isAfter(from), "to must be after from");
        require(expectedEvents >= 1, "expectedEvents must be at least 1, got " + expectedEvents);
        require(userSkew >= 0 && filmSkew >= 0, "skews must not be negative");
    }

    /** Default skews; ids from the same seed (UUIDs); millisecond times. */
    public static TrafficConfig of(long seed, int users, int films, Instant from, Instant to, long expectedEvents) {
        return new TrafficConfig(
                seed,
                seed,
                users,
                films,
                from,
                to,
                expectedEvents,
                DEFAULT_USER_SKEW,
                DEFAULT_FILM_SKEW,
                IdScheme.uuids(seed),
                TimePrecision.MILLIS);
    }

    /** Traffic of about {@code expectedEvents} events over the {@code window} that ends at {@code to}. */
    public static TrafficConfig ending(
            long seed, int users, int films, Instant to, Duration window, long expectedEvents) {
        return of(seed, users, films, to.minus(window), to, expectedEvents);
    }

    public TrafficConfig withIdSeed(long newIdSeed) {
        return new TrafficConfig(
                seed, newIdSeed, users, films, from, to, expectedEvents, userSkew, filmSkew, ids, precision);
    }

    public TrafficConfig withSkews(double newUserSkew, double newFilmSkew) {
        return new TrafficConfig(
                seed, idSeed, users, films, from, to, expectedEvents, newUserSkew, newFilmSkew, ids, precision);
    }

    public TrafficConfig withIds(IdScheme newIds) {
        return new TrafficConfig(
                seed, idSeed, users, films, from, to, expectedEvents, userSkew, filmSkew, newIds, precision);
    }

    public TrafficConfig withPrecision(TimePrecision newPrecision) {
        return new TrafficConfig(
                seed, idSeed, users, films, from, to, expectedEvents, userSkew, filmSkew, ids, newPrecision);
    }

    public Duration window() {
        return Duration.between(from, to);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
