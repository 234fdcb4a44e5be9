package cinema.ugc.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What one run of the load generator does.
 *
 * @param url          base URL of the API, e.g. {@code http://localhost:8080}
 * @param rate         target events per second; 0 sends as fast as the server answers
 * @param duration     how long to send (exclusive with {@code events}); null when {@code events} is set
 * @param events       how many events to send (exclusive with {@code duration}); 0 when {@code duration} is set
 * @param batchSize    at most this many events per request (one user's); 1 uses {@code POST /api/v1/events}
 * @param concurrency  requests in flight at most
 * @param users        size of the simulated population (each signs its own token)
 * @param films        size of the film catalog
 * @param seed         decides the traffic (users, films, actions, order)
 * @param idSeed       decides the event ids; a rerun with the same id seed re-sends the same ids (deduplicated
 *                     downstream), so by default each run draws a fresh one
 * @param secret       HS256 secret the tokens are signed with (the API's UGC_JWT_SECRET)
 * @param lagSamples   accepted events whose visibility through {@code GET /api/v1/me/events} is timed; 0 = none
 * @param lagTimeout   give up on one sample after this long
 * @param idsFile      where the accepted event ids are written, one per line; null = not written
 * @param maxAttempts  attempts per request when the API answers 503 or 429 (Retry-After is honoured between them)
 * @param progress     draw a progress bar on stderr
 * @param pregenerate  prepare every request before sending the first (needs a known number of events), so the run
 *                     measures the API rather than the generator; otherwise requests are prepared just ahead
 * @param warmup       send this long first, at the same rate, and leave it out of the figures (the events are real:
 *                     they are counted apart and their ids written); {@link Duration#ZERO} for none. A fresh client
 *                     JVM compiles its hot paths in its first seconds, which on a small machine also slows the server.
 */
public record LoadOptions(
        URI url,
        double rate,
        Duration duration,
        long events,
        int batchSize,
        int concurrency,
        int users,
        int films,
        long seed,
        long idSeed,
        String secret,
        int lagSamples,
        Duration lagTimeout,
        Path idsFile,
        int maxAttempts,
        boolean progress,
        boolean pregenerate,
        Duration warmup) {
    public static final int MAX_BATCH = 1000;

    public LoadOptions {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(lagTimeout, "lagTimeout");
        require((duration == null) != (events <= 0), "give either a duration or a number of events, not both");
        require(duration == null || !duration.isNegative() && !duration.isZero(), "duration must be positive");
        require(rate >= 0, "rate must be 0 (as fast as possible) or positive");
        require(batchSize >= 1 && batchSize <= MAX_BATCH, "batch size must be 1 to " + MAX_BATCH);
        require(concurrency >= 1 && concurrency <= 10_000, "concurrency must be 1 to 10000");
        require(users >= 1 && films >= 1, "users and films must be at least 1");
        require(lagSamples >= 0, "lag samples must not be negative");
        require(maxAttempts >= 1, "max attempts must be at least 1");
        require(
                !pregenerate || duration == null || rate > 0,
                "pre-generating needs a known number of events: --events, or --duration with --rate");
        Objects.requireNonNull(warmup, "warmup");
        require(!warmup.isNegative(), "warm-up must not be negative");
        require(
                warmup.isZero() || duration != null,
                "a warm-up needs --duration (with --events it would eat into the count)");
    }

    /** Defaults for everything but the target: 100 events a batch, 16 in flight, 10,000 users, 1,000 films. */
    public static LoadOptions events(URI url, long events, String secret) {
        return builder(url, secret).events(events).build();
    }

    /** Options with the defaults of {@link #events} and no target yet: give {@code events} or {@code duration}. */
    public static Builder builder(URI url, String secret) {
        return new Builder(url, secret);
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public LoadOptions withPregenerate(boolean newPregenerate) {
        return toBuilder().pregenerate(newPregenerate).build();
    }

    public LoadOptions withBatching(int newBatchSize, int newConcurrency) {
        return toBuilder().batching(newBatchSize, newConcurrency).build();
    }

    public LoadOptions withPopulation(int newUsers, int newFilms, long newSeed, long newIdSeed) {
        return toBuilder()
                .population(newUsers, newFilms)
                .seeds(newSeed, newIdSeed)
                .build();
    }

    public LoadOptions withLag(int newSamples, Duration newTimeout) {
        return toBuilder().lag(newSamples, newTimeout).build();
    }

    public LoadOptions withIdsFile(Path newIdsFile) {
        return toBuilder().idsFile(newIdsFile).build();
    }

    /** The warm-up phase as a run of its own: same traffic settings, for the warm-up's duration, no lag probes. */
    public LoadOptions warmupPhase() {
        return toBuilder()
                .duration(warmup)
                .lag(0, lagTimeout)
                .warmup(Duration.ZERO)
                .build();
    }

    /** Events the run aims to send, warm-up included: the count, or rate × time, or null when open-ended. */
    public Long plannedEvents() {
        if (duration == null) {
            return events;
        }
        return rate > 0 ? (long) Math.ceil(rate * duration.plus(warmup).toMillis() / 1000.0) : null;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Options by name, validated by {@link #build()}; setting a duration clears the event count and back. */
    public static final class Builder {
        private final URI url;
        private final String secret;
        private double rate;
        private Duration duration;
        private long events;
        private int batchSize = 100;
        private int concurrency = 16;
        private int users = 10_000;
        private int films = 1_000;
        private long seed = 1;
        private long idSeed = System.nanoTime();
        private int lagSamples = 20;
        private Duration lagTimeout = Duration.ofSeconds(30);
        private Path idsFile;
        private int maxAttempts = 20;
        private boolean progress;
        private boolean pregenerate;
        private Duration warmup = Duration.ZERO;

        private Builder(URI url, String secret) {
            this.url = url;
            this.secret = secret;
        }

        private Builder(LoadOptions o) {
            this(o.url, o.secret);
            rate = o.rate;
            duration = o.duration;
            events = o.events;
            batchSize = o.batchSize;
            concurrency = o.concurrency;
            users = o.users;
            films = o.films;
            seed = o.seed;
            idSeed = o.idSeed;
            lagSamples = o.lagSamples;
            lagTimeout = o.lagTimeout;
            idsFile = o.idsFile;
            maxAttempts = o.maxAttempts;
            progress = o.progress;
            pregenerate = o.pregenerate;
            warmup = o.warmup;
        }

        /** Target events per second; 0 sends as fast as the server answers. */
        public Builder rate(double newRate) {
            rate = newRate;
            return this;
        }

        /** Send for this long (instead of a number of events). */
        public Builder duration(Duration newDuration) {
            duration = newDuration;
            events = 0;
            return this;
        }

        /** Send this many events (instead of for a duration). */
        public Builder events(long newEvents) {
            events = newEvents;
            duration = null;
            return this;
        }

        public Builder batching(int newBatchSize, int newConcurrency) {
            batchSize = newBatchSize;
            concurrency = newConcurrency;
            return this;
        }

        public Builder population(int newUsers, int newFilms) {
            users = newUsers;
            films = newFilms;
            return this;
        }

        /** The traffic's seed and the event ids' seed. */
        public Builder seeds(long newSeed, long newIdSeed) {
            seed = newSeed;
            idSeed = newIdSeed;
            return this;
        }

        public Builder lag(int newSamples, Duration newTimeout) {
            lagSamples = newSamples;
            lagTimeout = newTimeout;
            return this;
        }

        public Builder idsFile(Path newIdsFile) {
            idsFile = newIdsFile;
            return this;
        }

        public Builder maxAttempts(int newMaxAttempts) {
            maxAttempts = newMaxAttempts;
            return this;
        }

        public Builder progress(boolean newProgress) {
            progress = newProgress;
            return this;
        }

        public Builder pregenerate(boolean newPregenerate) {
            pregenerate = newPregenerate;
            return this;
        }

        public Builder warmup(Duration newWarmup) {
            warmup = newWarmup;
            return this;
        }

        /** @throws IllegalArgumentException naming the first option out of range or in conflict */
        public LoadOptions build() {
            return new LoadOptions(
                    url,
                    rate,
                    duration,
                    events,
                    batchSize,
                    concurrency,
                    users,
                    films,
                    seed,
                    idSeed,
                    secret,
                    lagSamples,
                    lagTimeout,
                    idsFile,
                    maxAttempts,
                    progress,
                    pregenerate,
                    warmup);
        }
    }
}
