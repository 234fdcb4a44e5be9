package cinema.ugc.research.internal;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;

/**
 * One viewing session of one user: some browsing (clicks, searches, filters), then usually a film watched for a while
 * with a FILM_PROGRESS event per watched interval, sometimes to the end (FILM_FINISHED, maybe a RATING).
 * Event times are whole seconds: ClickHouse 18.16's DateTime keeps no more, and the stores must agree exactly.
 */
final class SessionModel {
    static final Duration PROGRESS_INTERVAL = Duration.ofMinutes(5);
    private static final String[] QUALITIES = {"480p", "720p", "1080p", "2160p"};
    private static final String[] GENRES = {"drama", "comedy", "thriller", "documentary", "animation", "horror"};
    private static final String[] QUERIES = {"space", "love", "heist", "war", "detective", "dragons", "music"};

    /** Stands in until a draw binds the sampler to the session's random source. */
    private static final UniformRandomProvider UNBOUND = () -> {
        throw new IllegalStateException("a Zipf draw needs the session's random source");
    };

    private final SharedStateDiscreteSampler users;
    private final SharedStateDiscreteSampler films;
    private final Instant end;
    private final String[] userIds;
    private final String[] filmIds;

    SessionModel(
            int users, double userSkew, int films, double filmSkew, String userPrefix, String filmPrefix, Instant end) {
        this.users = RejectionInversionZipfSampler.of(UNBOUND, users, userSkew);
        this.films = RejectionInversionZipfSampler.of(UNBOUND, films, filmSkew);
        this.end = end;
        this.userIds = ids(userPrefix, "%06d", users);
        this.filmIds = ids(filmPrefix, "%05d", films);
    }

    /** Formatted once: String.format per event would dominate the generator's time. */
    private static String[] ids(String prefix, String format, int n) {
        String[] ids = new String[n + 1];
        for (int i = 1; i <= n; i++) {
            ids[i] = prefix + String.format(format, i);
        }
        return ids;
    }

    /** The session's events in time order; none at or after the window end. */
    List<Event> session(SplittableRandom random, Instant start) {
        Builder b = new Builder(random, userIds[rank(users, random)], start);
        browse(b);
        if (random.nextDouble() < 0.8) {
            watch(b, rank(films, random));
        }
        return b.events;
    }

    private void browse(Builder b) {
        int clicks = b.random.nextInt(4);
        for (int i = 0; i < clicks; i++) {
            String film = b.random.nextDouble() < 0.7 ? film(rank(films, b.random)) : null;
            b.add(Action.CLICK, film, "poster", null, null, Map.of("page", "catalog"), 5, 40);
        }
        if (b.random.nextDouble() < 0.4) {
            b.add(
                    Action.SEARCH,
                    null,
                    null,
                    null,
                    null,
                    Map.of("query", QUERIES[b.random.nextInt(QUERIES.length)]),
                    5,
                    30);
        }
        if (b.random.nextDouble() < 0.2) {
            b.add(
                    Action.FILTER,
                    null,
                    null,
                    null,
                    null,
                    Map.of("genre", GENRES[b.random.nextInt(GENRES.length)]),
                    3,
                    20);
        }
    }

    private void watch(Builder b, int filmRank) {
        String film = film(filmRank);
        b.add(Action.VIEW, film, "film page", null, null, Map.of(), 10, 60);
        long length = (80 + Math.floorMod(film.hashCode(), 70)) * 60L;
        boolean finishes = b.random.nextDouble() < 0.35;
        long watched = finishes ? length : (long) (length * b.random.nextDouble());
        long qualityAt = b.random.nextDouble() < 0.15 ? (long) (watched * b.random.nextDouble()) : -1;
        for (long pos = 0; pos < watched && b.open(); pos += PROGRESS_INTERVAL.toSeconds()) {
            long step = Math.min(PROGRESS_INTERVAL.toSeconds(), watched - pos);
            if (qualityAt >= pos && qualityAt < pos + step) {
                String to = QUALITIES[b.random.nextInt(QUALITIES.length)];
                b.add(Action.QUALITY_CHANGE, film, null, null, null, Map.of("to", to), 0, 0);
            }
            Instant from = b.time;
            b.time = b.time.plusSeconds(step);
            b.add(Action.FILM_PROGRESS, film, null, from, b.time, Map.of("position_s", pos + step), 0, 0);
        }
        if (finishes && b.open()) {
            b.add(Action.FILM_FINISHED, film, null, null, null, Map.of(), 1, 5);
            if (b.random.nextDouble() < 0.3) {
                b.add(Action.RATING, film, null, null, null, Map.of("score", 1 + b.random.nextInt(5)), 5, 60);
            }
        }
    }

    /** A rank from 1 (most frequent) to n, drawn from {@code random}. */
    private static int rank(SharedStateDiscreteSampler zipf, SplittableRandom random) {
        return zipf.withUniformRandomProvider(random::nextLong).sample();
    }

    private String film(int rank) {
        return filmIds[rank];
    }

    static UUID uuid(SplittableRandom random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** Accumulates one session's events, advancing its clock; silently stops at the window end. */
    private final class Builder {
        final SplittableRandom random;
        final String user;
        final List<Event> events = new ArrayList<>();
        Instant time;

        Builder(SplittableRandom random, String user, Instant start) {
            this.random = random;
            this.user = user;
            this.time = start;
        }

        boolean open() {
            return time.isBefore(end);
        }

        void add(
                Action action,
                String film,
                String description,
                Instant startTime,
                Instant endTime,
                Map<String, Object> properties,
                int minGap,
                int maxGap) {
            time = time.plusSeconds(minGap + (maxGap > minGap ? random.nextInt(maxGap - minGap + 1) : 0));
            UUID id = uuid(random);
            Instant received = time.plusSeconds(random.nextInt(3));
            if (open()) {
                events.add(
                        new Event(id, user, action, film, description, time, startTime, endTime, properties, received));
            }
        }
    }
}
