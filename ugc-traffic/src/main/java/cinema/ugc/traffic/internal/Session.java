package cinema.ugc.traffic.internal;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One visit of one user, as a small state machine: a few browse events (views, clicks, searches, filters), then
 * often a viewing — a play click, FILM_PROGRESS heartbeats whose [start_time, end_time] intervals advance through
 * the film, the odd quality change and pause — ending either abandoned (remembered for "continue watching") or with
 * FILM_FINISHED and sometimes a RATING. Each call to {@link #emit} returns the event due at {@link #nextTimeMs}.
 */
public final class Session {
    /** How much film one heartbeat reports, in ms; players report about once a minute. */
    static final long HEARTBEAT_MS = 60_000;

    static final double WATCH_AFTER_BROWSING = 0.6;
    static final double RESUME = 0.5;
    static final double ABANDON_PER_HEARTBEAT = 0.012;
    static final double QUALITY_CHANGE_PER_HEARTBEAT = 0.02;
    static final double PAUSE_PER_HEARTBEAT = 0.03;
    static final double RATE_AFTER_FINISH = 0.3;
    private static final String[] QUALITIES = {"360p", "480p", "720p", "1080p", "2160p"};

    private enum Phase {
        BROWSE,
        PLAY,
        WATCH,
        QUALITY,
        FINISH,
        RATE,
        DONE
    }

    private final World world;
    private final int user;
    final String userId;
    private final String device;
    private final long sequence;
    private Phase phase = Phase.BROWSE;
    private long timeMs;
    private int browseLeft;
    private int film = -1;
    private int positionS;
    private int quality;
    private long nextHeartbeatMs;
    private long watchedMs;
    private int emitted;

    Session(World world, int user, long startMs, long sequence) {
        this.world = world;
        this.user = user;
        this.userId = world.population.id(user);
        this.device = world.population.device(user);
        this.sequence = sequence;
        this.timeMs = startMs;
        world.population.arrived(user);
        this.quality = device.equals("smart_tv") ? 3 : device.equals("web") ? 2 + world.random.nextInt(2) : 2;
        planVisit();
    }

    private void planVisit() {
        long unfinished = world.population.unfinished(user);
        if (unfinished >= 0 && world.chance() < RESUME) {
            film = (int) (unfinished >>> 32);
            positionS = (int) unfinished;
            phase = Phase.PLAY;
            return;
        }
        browseLeft = 1;
        while (world.chance() < 0.7 && browseLeft < 30) {
            browseLeft++;
        }
    }

    public long nextTimeMs() {
        return timeMs;
    }

    public long sequence() {
        return sequence;
    }

    public boolean done() {
        return phase == Phase.DONE;
    }

    /** Ends the visit for the population's bookkeeping; call once when {@link #done()}. */
    public void leave() {
        world.population.left(user);
    }

    /** Events emitted so far. */
    public int emitted() {
        return emitted;
    }

    public Event emit() {
        emitted++;
        return switch (phase) {
            case BROWSE -> browse();
            case PLAY -> play();
            case WATCH -> heartbeat();
            case QUALITY -> qualityChange();
            case FINISH -> finish();
            case RATE -> rate();
            case DONE -> throw new IllegalStateException("session is over");
        };
    }

    private Event browse() {
        double pick = world.chance();
        Event e = pick < 0.35 ? filmPage() : pick < 0.65 ? click() : pick < 0.85 ? search() : filter();
        if (--browseLeft == 0) {
            phase = world.chance() < WATCH_AFTER_BROWSING ? Phase.PLAY : Phase.DONE;
        }
        timeMs += 2_000 + world.exponentialMs(15_000);
        return e;
    }

    private Event filmPage() {
        film = world.popularFilm();
        Map<String, Object> p = props();
        p.put("page", "film");
        p.put("referrer", pick("home", "search", "recommendations", "catalog"));
        p.put("genre", world.catalog.genre(film));
        return world.event(this, Action.VIEW, filmId(), null, timeMs, null, p);
    }

    private Event click() {
        boolean onFilm = world.chance() < 0.7;
        if (onFilm) {
            film = world.popularFilm();
        }
        Map<String, Object> p = props();
        String element =
                onFilm ? pick("poster", "trailer", "add_to_favourites", "share") : pick("menu", "logo", "banner");
        p.put("element", element);
        p.put("page", pick("home", "catalog", "search", "film"));
        return world.event(this, Action.CLICK, onFilm ? filmId() : null, "click on " + element, timeMs, null, p);
    }

    private Event search() {
        String query = Catalog.query(world.random);
        Map<String, Object> p = props();
        p.put("query", query);
        p.put("results", world.random.nextInt(60));
        return world.event(this, Action.SEARCH, null, query, timeMs, null, p);
    }

    private Event filter() {
        Map<String, Object> p = props();
        p.put("genre", Catalog.randomGenre(world.random));
        p.put("year_from", 1960 + 5 * world.random.nextInt(13));
        p.put("sort", pick("popularity", "rating", "date"));
        return world.event(this, Action.FILTER, null, null, timeMs, null, p);
    }

    private Event play() {
        if (film < 0) {
            film = world.popularFilm();
        }
        Map<String, Object> p = props();
        p.put("element", "play_button");
        p.put("page", "film");
        p.put("position_s", positionS);
        Event e = world.event(
                this, Action.CLICK, filmId(), positionS > 0 ? "continue watching" : "play", timeMs, null, p);
        phase = Phase.WATCH;
        scheduleHeartbeat(timeMs);
        return e;
    }

    private void scheduleHeartbeat(long fromMs) {
        watchedMs = HEARTBEAT_MS - 3_000 + world.random.nextInt(6_001);
        long pauseMs = world.chance() < PAUSE_PER_HEARTBEAT ? world.exponentialMs(300_000) : 0;
        nextHeartbeatMs = fromMs + watchedMs + pauseMs;
        timeMs = nextHeartbeatMs;
        if (world.chance() < QUALITY_CHANGE_PER_HEARTBEAT) {
            phase = Phase.QUALITY;
            timeMs = fromMs + 1 + world.random.nextInt((int) (nextHeartbeatMs - fromMs - 1));
        }
    }

    private Event heartbeat() {
        int duration = world.catalog.durationS(film);
        long watched = Math.min(watchedMs, (duration - positionS) * 1000L);
        positionS += (int) (watched / 1000);
        Map<String, Object> p = props();
        p.put("position_s", positionS);
        p.put("duration_s", duration);
        p.put("quality", QUALITIES[quality]);
        Event e = world.event(this, Action.FILM_PROGRESS, filmId(), null, timeMs, timeMs - watched, p);
        afterHeartbeat(duration);
        return e;
    }

    private void afterHeartbeat(int duration) {
        if (positionS >= duration) {
            phase = Phase.FINISH;
            timeMs += 1_000 + world.random.nextInt(5_000);
        } else if (world.chance() < ABANDON_PER_HEARTBEAT) {
            world.population.stopped(user, film, positionS);
            phase = Phase.DONE;
        } else {
            scheduleHeartbeat(timeMs);
        }
    }

    private Event qualityChange() {
        int from = quality;
        quality = Math.max(0, Math.min(QUALITIES.length - 1, quality + (world.chance() < 0.5 ? -1 : 1)));
        Map<String, Object> p = props();
        p.put("from", QUALITIES[from]);
        p.put("to", QUALITIES[quality]);
        p.put("reason", world.chance() < 0.7 ? "auto" : "manual");
        p.put("position_s", positionS);
        Event e = world.event(this, Action.QUALITY_CHANGE, filmId(), null, timeMs, null, p);
        phase = Phase.WATCH;
        timeMs = nextHeartbeatMs;
        return e;
    }

    private Event finish() {
        world.population.finished(user, film);
        Map<String, Object> p = props();
        p.put("position_s", positionS);
        p.put("duration_s", world.catalog.durationS(film));
        Event e = world.event(this, Action.FILM_FINISHED, filmId(), null, timeMs, null, p);
        phase = world.chance() < RATE_AFTER_FINISH ? Phase.RATE : Phase.DONE;
        timeMs += 5_000 + world.exponentialMs(20_000);
        return e;
    }

    private Event rate() {
        int score = (int) Math.round(world.catalog.quality(film) + 1.5 * Catalog.gaussian(world.random));
        Map<String, Object> p = props();
        p.put("score", Math.max(1, Math.min(10, score)));
        phase = Phase.DONE;
        return world.event(this, Action.RATING, filmId(), null, timeMs, null, p);
    }

    private Map<String, Object> props() {
        Map<String, Object> p = new LinkedHashMap<>(8);
        p.put("device", device);
        return p;
    }

    private String filmId() {
        return world.catalog.id(film);
    }

    private String pick(String... options) {
        return options[world.random.nextInt(options.length)];
    }
}
