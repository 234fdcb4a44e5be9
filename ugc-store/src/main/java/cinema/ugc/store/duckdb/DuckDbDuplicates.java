package cinema.ugc.store.duckdb;

import cinema.ugc.store.StoredEvent;
import cinema.ugc.store.internal.Identities;
import cinema.ugc.store.internal.JdbcEventQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB's duplicate detection: which rows of a batch {@link DuckDbStore} appends so that each identity (user_id,
 * event_id) is stored once and its first copy wins. A batch keeps one copy per identity, the lowest (partition,
 * offset); of those, the rows whose fingerprint ({@link IdFingerprints}) is known are suspects, looked up exactly in
 * the table; the rest are certainly new and cost no query. Not thread-safe: the store serialises its writes, which
 * makes the look-up and the append one step.
 */
final class DuckDbDuplicates {
    /** How far before a suspect's received_at its first copy is looked for before the whole table is. */
    static final Duration RECENT = Duration.ofMinutes(10);

    private final IdFingerprints stored;

    private DuckDbDuplicates(IdFingerprints stored) {
        this.stored = stored;
    }

    /** Reads the fingerprint of every stored identity, once, at start-up (it takes a while on a large file). */
    static DuckDbDuplicates load(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            long count;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM events")) {
                rs.next();
                count = rs.getLong(1);
            }
            IdFingerprints ids = new IdFingerprints((int) Math.min(Integer.MAX_VALUE - 8, count));
            try (ResultSet rs = s.executeQuery("SELECT user_id, event_id FROM events")) {
                while (rs.next()) {
                    ids.add(rs.getString(1), rs.getObject(2, UUID.class));
                }
            }
            return new DuckDbDuplicates(ids);
        }
    }

    /**
     * A batch's first copies: one row per identity, its lowest (partition, offset). Needs no state, so the store calls
     * it before it takes its write lock.
     */
    static Identities.Unique firstCopies(List<StoredEvent> batch) {
        return Identities.Unique.of(batch);
    }

    /**
     * The rows to append: the batch's first copies minus the identities stored already — looked up on {@code c},
     * inside the caller's transaction. From then on the batch's identities count as stored, whether or not the
     * caller's append commits: a fingerprint too many only costs a look-up, one too few would let a copy in.
     */
    List<StoredEvent> fresh(DuckDBConnection c, Identities.Unique unique) throws SQLException {
        List<StoredEvent> suspects = suspects(unique);
        List<StoredEvent> fresh = suspects.isEmpty() ? unique.rows() : without(unique.rows(), storedAmong(c, suspects));
        stored.addAll(unique.fingerprints());
        return fresh;
    }

    /** The rows whose identity's fingerprint is known: probably stored, to be looked up exactly. */
    List<StoredEvent> suspects(Identities.Unique unique) {
        List<StoredEvent> suspects = new ArrayList<>();
        long[] fingerprints = unique.fingerprints();
        for (int i = 0; i < fingerprints.length; i++) {
            if (stored.contains(fingerprints[i])) {
                suspects.add(unique.rows().get(i));
            }
        }
        return suspects;
    }

    /** How many identities are known (stored, or written by a batch that may have failed). */
    int size() {
        return stored.size();
    }

    private static List<StoredEvent> without(List<StoredEvent> rows, Set<Identities.Key> found) {
        if (found.isEmpty()) {
            return rows;
        }
        List<StoredEvent> fresh = new ArrayList<>(rows.size() - found.size());
        for (StoredEvent e : rows) {
            if (!found.contains(Identities.Key.of(e))) {
                fresh.add(e);
            }
        }
        return fresh;
    }

    /**
     * Which suspects are stored. Re-delivered rows keep their received_at and a client re-sends within moments, so the
     * rows received shortly before the suspects are searched first — received_at follows the append order, so
     * DuckDB's zone maps skip the older row groups — and the whole table only for suspects not found there.
     */
    private static Set<Identities.Key> storedAmong(DuckDBConnection c, List<StoredEvent> suspects) throws SQLException {
        Instant earliest = suspects.get(0).event().receivedAt();
        for (StoredEvent e : suspects) {
            earliest = e.event().receivedAt().isBefore(earliest) ? e.event().receivedAt() : earliest;
        }
        Set<Identities.Key> found = lookUp(c, suspects, earliest.minus(RECENT));
        if (found.size() < suspects.size()) {
            found.addAll(lookUp(
                    c,
                    suspects.stream()
                            .filter(e -> !found.contains(Identities.Key.of(e)))
                            .toList(),
                    null));
        }
        return found;
    }

    /** The suspects' identities found among the rows received since {@code since}, or among all rows when null. */
    private static Set<Identities.Key> lookUp(DuckDBConnection c, List<StoredEvent> suspects, Instant since)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(DuckDbSchema.SUSPECTS);
        }
        try (DuckDBAppender a = c.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "suspect_keys")) {
            for (StoredEvent e : suspects) {
                UUID id = e.event().eventId();
                a.beginRow();
                a.append(e.event().userId());
                a.appendUUID(id.getMostSignificantBits(), id.getLeastSignificantBits());
                a.endRow();
            }
            a.flush();
        }
        Set<Identities.Key> found = new HashSet<>();
        String sql = DuckDbSchema.STORED_SUSPECTS + (since == null ? "" : " WHERE e.received_at >= ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (since != null) {
                ps.setObject(1, JdbcEventQueries.local(since));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Identities.Key(rs.getString(1), rs.getObject(2, UUID.class)));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM suspect_keys");
        }
        return found;
    }
}
