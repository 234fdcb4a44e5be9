package cinema.ugc.store.clickhouse;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import cinema.ugc.model.EventCodec;
import cinema.ugc.store.EventQueries;
import cinema.ugc.store.internal.Ratios;
import cinema.ugc.store.internal.Rolling;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The analytics queries on ClickHouse. No query reads {@code FINAL}: the store keeps copies of an identity out of the
 * table ({@link RecentIdentities}), so a plain count is exact — at the speed of a plain scan, which FINAL is far from
 * on 18.16 (docs/adr/0008-clickhouse-reads-without-final.md; the figures in
 * docs/benchmarks.md#clickhouse-counts-without-final). A user's event list still keeps one row per id, for a
 * copy re-sent after the deduplication window. Times are compared in epoch
 * milliseconds ({@code event_time} seconds + {@code event_time_ms}) behind a coarse {@code event_time} filter that
 * lets partitions and the index prune; buckets use integer arithmetic on epoch seconds, independent of the server's
 * time zone.
 */
final class ClickHouseQueries implements EventQueries {
    private static final long MAX_SECONDS = 0xFFFF_FFFFL;
    private static final String MILLIS = "(toUInt64(event_time) * 1000 + event_time_ms)";
    private static final String EVENT_COLUMNS = "toString(event_id), user_id, action, film_id, description, "
            + "toUInt32(event_time), event_time_ms, toUInt32(start_time), start_time_ms, toUInt32(end_time), "
            + "end_time_ms, properties, toUInt32(received_at), received_at_ms";
    private static final String NEWEST_FIRST = " ORDER BY event_time DESC, event_time_ms DESC, toString(event_id) DESC";

    private final Function<String, List<String[]>> select;
    private final String table;
    /** What counts and sums read: the table, or the table FINAL in the research's "before" flavour. */
    private final String counted;

    private final EventCodec codec = new EventCodec();

    /** @param readFinal whether counts read FINAL, as they did before ADR 8 (the storage research's comparison) */
    ClickHouseQueries(Function<String, List<String[]>> select, String db, boolean readFinal) {
        this.select = select;
        this.table = db + ".events";
        this.counted = readFinal ? table + " FINAL" : table;
    }

    @Override
    public long countEvents() {
        return single("SELECT count() FROM " + counted);
    }

    @Override
    public List<Count> eventsByAction(Instant from, Instant to) {
        return counts("SELECT action, count() AS n FROM " + counted + " WHERE " + range(from, to)
                + " GROUP BY action ORDER BY n DESC, action");
    }

    @Override
    public List<Count> topFilms(Action action, Instant from, Instant to, int limit) {
        return counts("SELECT film_id, count() AS n FROM " + counted + " WHERE action = " + Tsv.quote(action.name())
                + " AND film_id != '' AND " + range(from, to) + " GROUP BY film_id ORDER BY n DESC, film_id LIMIT "
                + limit);
    }

    @Override
    public Optional<WatchPosition> resumePosition(String userId, String filmId) {
        List<String[]> rows = select.apply("SELECT film_id, toUInt32(start_time), start_time_ms, toUInt32(end_time), "
                + "end_time_ms, toUInt32(event_time), event_time_ms FROM " + table
                + " WHERE action = 'FILM_PROGRESS' AND film_id = " + Tsv.quote(filmId) + " AND user_id = "
                + Tsv.quote(userId) + NEWEST_FIRST + " LIMIT 1");
        return rows.stream()
                .findFirst()
                .map(r -> new WatchPosition(r[0], instant(r[1], r[2]), instant(r[3], r[4]), instant(r[5], r[6])));
    }

    @Override
    public long distinctViewers(String filmId) {
        return single("SELECT uniqExact(user_id) FROM " + table + " WHERE action IN ('VIEW', 'FILM_PROGRESS') "
                + "AND film_id = " + Tsv.quote(filmId));
    }

    @Override
    public List<TimeCount> eventsPerHour(Instant from, Instant to) {
        return buckets(3600, from, to);
    }

    @Override
    public List<TimeCount> eventsPerMinute(Instant from, Instant to) {
        return buckets(60, from, to);
    }

    @Override
    public List<ActionTimeCount> eventsPerMinuteByAction(Instant from, Instant to) {
        return select
                .apply("SELECT intDiv(toUInt32(event_time), 60) * 60 AS t, action, count() FROM " + counted + " WHERE "
                        + range(from, to) + " GROUP BY t, action ORDER BY t, action")
                .stream()
                .map(r -> new ActionTimeCount(Instant.ofEpochSecond(Long.parseLong(r[0])), r[1], Long.parseLong(r[2])))
                .toList();
    }

    @Override
    public FilmWatching filmWatching(String filmId) {
        String film = Tsv.quote(filmId);
        long views = single("SELECT count() FROM " + counted + " WHERE action = 'VIEW' AND film_id = " + film);
        String[] r = select.apply("SELECT count(), sum(w), max(w) FROM (SELECT user_id, sum(if(isNull(start_time) "
                        + "OR isNull(end_time), 0, " + millis("end_time") + " - " + millis("start_time")
                        + ")) AS w FROM "
                        + counted + " WHERE action = 'FILM_PROGRESS' AND film_id = " + film + " GROUP BY user_id)")
                .get(0);
        return new FilmWatching(views, Long.parseLong(r[0]), Long.parseLong(r[1]), Long.parseLong(r[2]));
    }

    private static String millis(String column) {
        return "(toInt64(assumeNotNull(" + column + ")) * 1000 + " + column + "_ms)";
    }

    @Override
    public long distinctUsers(Instant from, Instant to) {
        return single("SELECT uniqExact(user_id) FROM " + table + " WHERE " + range(from, to));
    }

    @Override
    public Optional<Double> completionRate(String filmId) {
        String[] r = select.apply("SELECT uniqExactIf(user_id, action = 'FILM_FINISHED'), "
                        + "uniqExactIf(user_id, action = 'FILM_PROGRESS') FROM " + table
                        + " WHERE action IN ('FILM_FINISHED', 'FILM_PROGRESS') AND film_id = " + Tsv.quote(filmId))
                .get(0);
        return Ratios.completion(Long.parseLong(r[0]), Long.parseLong(r[1]));
    }

    @Override
    public List<Event> userEvents(String userId, EventFilter filter, Instant before, int limit) {
        String action = filter.action() == null
                ? ""
                : " AND action = " + Tsv.quote(filter.action().name());
        String film = filter.filmId() == null ? "" : " AND film_id = " + Tsv.quote(filter.filmId());
        // LIMIT 1 BY: one row per event id even for a copy re-sent after the deduplication window (the first
        // received among copies of one event_time), far cheaper than FINAL on 18.16
        // (docs/benchmarks.md#clickhouse-counts-without-final)
        return select
                .apply("SELECT " + EVENT_COLUMNS + " FROM " + table + " WHERE user_id = " + Tsv.quote(userId)
                        + action + film + " AND " + range(Instant.EPOCH, before) + NEWEST_FIRST
                        + ", received_at, received_at_ms LIMIT 1 BY event_id LIMIT " + limit)
                .stream()
                .map(this::event)
                .toList();
    }

    @Override
    public List<DailyAverage> rollingAverage7d(Instant from, Instant to) {
        return Rolling.average7d(buckets(86_400, Rolling.countsFrom(from), to), from);
    }

    private List<TimeCount> buckets(int seconds, Instant from, Instant to) {
        return select
                .apply("SELECT intDiv(toUInt32(event_time), " + seconds + ") * " + seconds + " AS t, count() FROM "
                        + counted + " WHERE " + range(from, to) + " GROUP BY t ORDER BY t")
                .stream()
                .map(r -> new TimeCount(Instant.ofEpochSecond(Long.parseLong(r[0])), Long.parseLong(r[1])))
                .toList();
    }

    /** {@code from <= t < to} at millisecond precision, plus whole-second bounds the index and partitions can use. */
    static String range(Instant from, Instant to) {
        long fromMs = clampMillis(from);
        long toMs = clampMillis(to);
        return "event_time >= toDateTime(" + fromMs / 1000 + ", 'UTC') AND event_time <= toDateTime(" + toMs / 1000
                + ", 'UTC') AND " + MILLIS + " >= " + fromMs + " AND " + MILLIS + " < " + toMs;
    }

    private static long clampMillis(Instant t) {
        if (t.getEpochSecond() < 0) {
            return 0;
        }
        if (t.getEpochSecond() > MAX_SECONDS) {
            return MAX_SECONDS * 1000 + 999;
        }
        return t.toEpochMilli();
    }

    private Event event(String[] r) {
        return new Event(
                UUID.fromString(r[0]),
                r[1],
                Action.valueOf(r[2]),
                r[3].isEmpty() ? null : r[3],
                r[4],
                instant(r[5], r[6]),
                instant(r[7], r[8]),
                instant(r[9], r[10]),
                codec.parsePropertiesJson(r[11]),
                instant(r[12], r[13]));
    }

    private static Instant instant(String seconds, String millis) {
        return seconds == null
                ? null
                : Instant.ofEpochSecond(Long.parseLong(seconds), Long.parseLong(millis) * 1_000_000L);
    }

    private List<Count> counts(String sql) {
        return select.apply(sql).stream()
                .map(r -> new Count(r[0], Long.parseLong(r[1])))
                .toList();
    }

    private long single(String sql) {
        return Long.parseLong(select.apply(sql).get(0)[0]);
    }
}
