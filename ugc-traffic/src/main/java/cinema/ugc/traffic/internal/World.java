package cinema.ugc.traffic.internal;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import cinema.ugc.traffic.TimePrecision;
import cinema.ugc.traffic.TrafficConfig;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;

/** What every session shares: the random source, the catalog, the population and the event factory. */
public final class World {
    final SplittableRandom random;
    final Catalog catalog;
    final Population population;
    /** Zipf ranks 1..n (rank 1 the most likely) by rejection-inversion: O(1) memory even for millions of users. */
    final DiscreteSampler films;

    final DiscreteSampler users;
    private final SplittableRandom ids;
    private final TimePrecision precision;

    public World(TrafficConfig config) {
        this.random = new SplittableRandom(config.seed());
        this.ids = new SplittableRandom(config.idSeed() ^ 0x1D5EEDL);
        this.catalog = new Catalog(config.seed(), config.films(), config.ids());
        this.population = new Population(config.seed(), config.users(), config.ids());
        this.precision = config.precision();
        this.films = RejectionInversionZipfSampler.of(random::nextLong, config.films(), config.filmSkew());
        this.users = RejectionInversionZipfSampler.of(random::nextLong, config.users(), config.userSkew());
    }

    public Catalog catalog() {
        return catalog;
    }

    public Population population() {
        return population;
    }

    /**
     * The user of a new visit: Zipf over the population, so activity is skewed; -1 when the draws keep hitting
     * users already in a visit (the very active few), and this visit is dropped.
     */
    public int newVisitor() {
        for (int attempt = 0; attempt < 8; attempt++) {
            int user = users.sample() - 1;
            if (!population.visiting(user)) {
                return user;
            }
        }
        return -1;
    }

    public Session newSession(int user, long startMs, long sequence) {
        return new Session(this, user, startMs, sequence);
    }

    /** The gap to the next visit of a Poisson process with {@code ratePerMs}, in ms (at least 1). */
    public long exponentialGapMs(double ratePerMs) {
        return exponentialMs(1.0 / ratePerMs);
    }

    /** A film by popularity: a zero-based index, 0 the most watched. */
    int popularFilm() {
        return films.sample() - 1;
    }

    double chance() {
        return random.nextDouble();
    }

    /** An exponentially distributed duration with the given mean, in milliseconds (at least 1). */
    long exponentialMs(double meanMs) {
        return Math.max(1, (long) (-meanMs * StrictMath.log(1.0 - random.nextDouble())));
    }

    Event event(
            Session s,
            Action action,
            String filmId,
            String description,
            long timeMs,
            Long startMs,
            Map<String, Object> properties) {
        Instant eventTime = precision.instant(timeMs);
        Instant start = startMs == null ? null : precision.instant(startMs);
        Instant end = startMs == null ? null : eventTime;
        // The API stamps received_at a little after the client's event_time: network plus client-side batching.
        Instant receivedAt = precision.instant(timeMs + 20 + random.nextInt(400));
        return new Event(
                Ids.random(ids), s.userId, action, filmId, description, eventTime, start, end, properties, receivedAt);
    }
}
