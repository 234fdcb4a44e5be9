package cinema.ugc.store.internal;

import cinema.ugc.store.EventEraser;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * DuckDB and PostgreSQL: plain {@code DELETE}s, all users of one call in one transaction. {@code received_at} and
 * {@code event_time} are UTC timestamps without a zone, as {@link JdbcEventQueries} writes them.
 */
public final class JdbcEraser implements EventEraser {
    private final Connections pool;

    public JdbcEraser(Connections pool) {
        this.pool = pool;
    }

    @Override
    public Map<String, Long> erase(Map<String, Instant> receivedUpTo) {
        if (receivedUpTo.isEmpty()) {
            return Map.of();
        }
        return pool.with(c -> {
            Map<String, Long> removed = new java.util.HashMap<>();
            Transactions.inTransaction(c, () -> {
                try (PreparedStatement ps =
                        c.prepareStatement("DELETE FROM events WHERE user_id = ? AND received_at <= ?")) {
                    for (Map.Entry<String, Instant> e : receivedUpTo.entrySet()) {
                        ps.setString(1, e.getKey());
                        ps.setObject(2, utc(e.getValue()));
                        removed.put(e.getKey(), (long) ps.executeUpdate());
                    }
                }
            });
            return removed;
        });
    }

    @Override
    public long removeOlderThan(Instant cutoff) {
        return pool.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM events WHERE event_time < ?")) {
                ps.setObject(1, utc(cutoff));
                return (long) ps.executeUpdate();
            }
        });
    }

    private static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
