package cinema.ugc.store.internal;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import cinema.ugc.model.EventCodec;
import cinema.ugc.store.EventQueries;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The analytics queries in the SQL DuckDB and PostgreSQL share. Timestamps are stored as UTC {@code TIMESTAMP}s
 * without zone; each event_id is stored once (PostgreSQL: its primary key; DuckDB: the store checks), so plain counts
 * are exact. Text sort keys use a binary collation so ties break the same way as in ClickHouse.
 */
public final class JdbcEventQueries implements EventQueries {
    static final String COLUMNS = "event_id, user_id, action, film_id, description, event_time, start_time, end_time, "
            + "properties, received_at, kafka_partition, kafka_offset";

    private final Connections pool;
    private final String binary;
    private final String idOrder;
    private final EventCodec codec = new EventCodec();

    /**
     * @param binaryCollation appended to text ORDER BY keys to force byte order ({@code COLLATE "C"} in PostgreSQL)
     * @param idOrder         the expression ordering event ids as their lower-case text does
     */
    public JdbcEventQueries(Connections pool, String binaryCollation, String idOrder) {
        this.pool = pool;
        this.binary = binaryCollation;
        this.idOrder = idOrder;
    }

    @Override
    public long countEvents() {
        return single("SELECT count(*) FROM events");
    }

    @Override
    public List<Count> eventsByAction(Instant from, Instant to) {
        return counts(
                "SELECT action, count(*) AS n FROM events WHERE event_time >= ? AND event_time < ? "
                        + "GROUP BY action ORDER BY n DESC, action" + binary,
                from,
                to);
    }

    @Override
    public List<Count> topFilms(Action action, Instant from, Instant to, int limit) {
        return counts(
                "SELECT film_id, count(*) AS n FROM events WHERE action = ? AND event_time >= ? AND event_time < ? "
                        + "AND film_id IS NOT NULL GROUP BY film_id ORDER BY n DESC, film_id" + binary + " LIMIT ?",
                action.name(),
                from,
                to,
                limit);
    }

    @Override
    public Optional<WatchPosition> resumePosition(String userId, String filmId) {
        String sql = "SELECT film_id, start_time, end_time, event_time FROM events WHERE user_id = ? AND film_id = ? "
                + "AND action = 'FILM_PROGRESS' ORDER BY event_time DESC, " + idOrder + " DESC LIMIT 1";
        return query(
                sql,
                rs -> rs.next()
                        ? Optional.of(
                                new WatchPosition(rs.getString(1), instant(rs, 2), instant(rs, 3), instant(rs, 4)))
                        : Optional.empty(),
                userId,
                filmId);
    }

    @Override
    public long distinctViewers(String filmId) {
        return single(
                "SELECT count(DISTINCT user_id) FROM events WHERE film_id = ? "
                        + "AND action IN ('VIEW', 'FILM_PROGRESS')",
                filmId);
    }

    @Override
    public List<TimeCount> eventsPerHour(Instant from, Instant to) {
        return buckets("hour", from, to);
    }

    @Override
    public List<TimeCount> eventsPerMinute(Instant from, Instant to) {
        return buckets("minute", from, to);
    }

    @Override
    public List<ActionTimeCount> eventsPerMinuteByAction(Instant from, Instant to) {
        String sql = "SELECT date_trunc('minute', event_time) AS t, action, count(*) FROM events "
                + "WHERE event_time >= ? AND event_time < ? GROUP BY t, action ORDER BY t, action" + binary;
        return query(
                sql, rs -> rows(rs, r -> new ActionTimeCount(instant(r, 1), r.getString(2), r.getLong(3))), from, to);
    }

    @Override
    public FilmWatching filmWatching(String filmId) {
        long views = single("SELECT count(*) FROM events WHERE film_id = ? AND action = 'VIEW'", filmId);
        String sql = "SELECT count(*), CAST(coalesce(sum(w), 0) AS BIGINT), CAST(coalesce(max(w), 0) AS BIGINT) "
                + "FROM (SELECT user_id, sum(CASE WHEN start_time IS NULL OR end_time IS NULL THEN 0 "
                + "ELSE CAST(EXTRACT(EPOCH FROM (end_time - start_time)) * 1000 AS BIGINT) END) AS w "
                + "FROM events WHERE film_id = ? AND action = 'FILM_PROGRESS' GROUP BY user_id) AS per_user";
        return query(
                sql,
                rs -> {
                    rs.next();
                    return new FilmWatching(views, rs.getLong(1), rs.getLong(2), rs.getLong(3));
                },
                filmId);
    }

    @Override
    public long distinctUsers(Instant from, Instant to) {
        return single("SELECT count(DISTINCT user_id) FROM events WHERE event_time >= ? AND event_time < ?", from, to);
    }

    @Override
    public Optional<Double> completionRate(String filmId) {
        String sql = "SELECT count(DISTINCT CASE WHEN action = 'FILM_FINISHED' THEN user_id END), "
                + "count(DISTINCT CASE WHEN action = 'FILM_PROGRESS' THEN user_id END) FROM events "
                + "WHERE film_id = ? AND action IN ('FILM_FINISHED', 'FILM_PROGRESS')";
        return query(
                sql,
                rs -> {
                    rs.next();
                    return Ratios.completion(rs.getLong(1), rs.getLong(2));
                },
                filmId);
    }

    @Override
    public List<Event> userEvents(String userId, EventFilter filter, Instant before, int limit) {
        List<Object> params = new ArrayList<>(List.of(userId));
        StringBuilder where = new StringBuilder("user_id = ?");
        if (filter.action() != null) {
            where.append(" AND action = ?");
            params.add(filter.action().name());
        }
        if (filter.filmId() != null) {
            where.append(" AND film_id = ?");
            params.add(filter.filmId());
        }
        params.add(before);
        params.add(limit);
        String sql = "SELECT " + COLUMNS + " FROM events WHERE " + where + " AND event_time < ? "
                + "ORDER BY event_time DESC, " + idOrder + " DESC LIMIT ?";
        return query(sql, rs -> rows(rs, this::event), params.toArray());
    }

    @Override
    public List<DailyAverage> rollingAverage7d(Instant from, Instant to) {
        return Rolling.average7d(buckets("day", Rolling.countsFrom(from), to), from);
    }

    private List<TimeCount> buckets(String unit, Instant from, Instant to) {
        String sql = "SELECT date_trunc('" + unit + "', event_time) AS t, count(*) FROM events "
                + "WHERE event_time >= ? AND event_time < ? GROUP BY t ORDER BY t";
        return query(sql, rs -> rows(rs, r -> new TimeCount(instant(r, 1), r.getLong(2))), from, to);
    }

    private List<Count> counts(String sql, Object... params) {
        return query(sql, rs -> rows(rs, r -> new Count(r.getString(1), r.getLong(2))), params);
    }

    private long single(String sql, Object... params) {
        return query(
                sql,
                rs -> {
                    rs.next();
                    return rs.getLong(1);
                },
                params);
    }

    private Event event(ResultSet rs) throws SQLException {
        return new Event(
                UUID.fromString(rs.getString(1)),
                rs.getString(2),
                Action.valueOf(rs.getString(3)),
                rs.getString(4),
                rs.getString(5),
                instant(rs, 6),
                instant(rs, 7),
                instant(rs, 8),
                codec.parsePropertiesJson(rs.getString(9)),
                instant(rs, 10));
    }

    /** Reads a result set. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, Reader<T> reader, Object... params) {
        return pool.with(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i] instanceof Instant t ? local(t) : params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return reader.read(rs);
                }
            }
        });
    }

    private static <T> List<T> rows(ResultSet rs, Reader<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
            out.add(row.read(rs));
        }
        return out;
    }

    public static LocalDateTime local(Instant t) {
        return t == null ? null : LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
