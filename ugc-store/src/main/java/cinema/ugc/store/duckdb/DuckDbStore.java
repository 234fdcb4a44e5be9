package cinema.ugc.store.duckdb;

import cinema.ugc.model.Event;
import cinema.ugc.model.PropertiesJson;
import cinema.ugc.store.EventQueries;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.StoreException;
import cinema.ugc.store.StoredEvent;
import cinema.ugc.store.internal.Connections;
import cinema.ugc.store.internal.Identities;
import cinema.ugc.store.internal.JdbcErrors;
import cinema.ugc.store.internal.JdbcEventQueries;
import cinema.ugc.store.internal.JdbcMigrator;
import cinema.ugc.store.internal.Transactions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded DuckDB in one file. A batch is one transaction that appends only the events whose identity (user_id,
 * event_id) is not stored yet, so a re-delivered batch or a client's re-sent event changes nothing: the first copy
 * wins. The store, not an index, keeps each identity once: it holds a 64-bit fingerprint of every stored identity in
 * memory ({@link IdFingerprints}, about 11–22 bytes of heap per stored event) and looks up exactly only the identities
 * whose fingerprint it already knows. A primary key did the same job
 * at a third less throughput (docs/storage.md). This holds while this store is the file's only writer — DuckDB locks
 * the file to one process, and the application opens one store per file. Each caller thread works on its own
 * duplicate of the root connection, which lets the query API read while the ETL writes.
 */
public final class DuckDbStore implements EventStore {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbStore.class);
    private static final String NAME = "DuckDB";
    /**
     * WAL size that triggers a checkpoint (DuckDB's default is 16 MB). A checkpoint compresses and writes the row
     * groups appended since the last; at 16 MB the ETL checkpoints every few seconds and writes fewer rows per second
     * (paired runs: docs/benchmarks.md#etl). The price: up to this much WAL is
     * replayed when the file is opened after a crash (a few seconds).
     */
    static final String CHECKPOINT_THRESHOLD = "128MB";
    /** How far before a suspect's received_at its first copy is looked for before the whole table is. */
    static final Duration RECENT = Duration.ofMinutes(10);

    private final Path file;
    private final DuckDBConnection root;
    private final Connections pool;
    private final EventQueries queries;
    private final ThreadLocal<PropertiesJson> json = ThreadLocal.withInitial(PropertiesJson::new);
    private final Object writeLock = new Object();
    /** Guarded by writeLock; read by migrate() or the first write. */
    private IdFingerprints storedIds;

    private DuckDbStore(Path file, DuckDBConnection root) {
        this.file = file;
        this.root = root;
        this.pool = Connections.perCall(root::duplicate, e -> JdbcErrors.classify(NAME, e));
        this.queries = new JdbcEventQueries(pool, "", "CAST(event_id AS VARCHAR)");
    }

    /** Opens (creating when missing) the database file and its directory. */
    public static DuckDbStore open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("SET checkpoint_threshold = '" + CHECKPOINT_THRESHOLD + "'");
            }
            LOG.info("opened DuckDB file {}", file.toAbsolutePath());
            return new DuckDbStore(file, c.unwrap(DuckDBConnection.class));
        } catch (SQLException e) {
            throw JdbcErrors.classify(NAME + " " + file, e);
        } catch (IOException e) {
            throw StoreException.fatal("cannot create the directory of " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return pool.with(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version()")) {
                rs.next();
                return NAME + " " + rs.getString(1);
            }
        });
    }

    @Override
    public void migrate() {
        pool.with(c -> {
            JdbcMigrator.apply(c, DuckDbSchema.MIGRATIONS, null);
            return null;
        });
        // At start-up rather than inside the first write, which would stall for it (it reads every stored identity).
        synchronized (writeLock) {
            storedIds();
        }
    }

    /**
     * One transaction per batch, one batch at a time: identities repeated within the batch keep their first-consumed
     * copy, identities already stored are dropped, the rest is appended. Serialising the writes is what makes the
     * look-up and the append one step (DuckDB commits one writer at a time anyway; two consumers still overlap their
     * polling and decoding with each other's writes).
     */
    @Override
    public void write(List<StoredEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Identities.Unique unique = Identities.Unique.of(batch);
        synchronized (writeLock) {
            IdFingerprints stored = storedIds();
            try {
                pool.with(c -> {
                    DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
                    Transactions.inTransaction(duck, () -> {
                        List<StoredEvent> fresh = withoutStored(duck, unique.rows(), unique.fingerprints(), stored);
                        if (!fresh.isEmpty()) {
                            append(duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events"), fresh);
                        }
                    });
                    return null;
                });
            } finally {
                // Also after a failure, whose commit may or may not have happened: a fingerprint too many only costs
                // a look-up, one too few would let a copy in.
                stored.addAll(unique.fingerprints());
            }
        }
    }

    /**
     * The rows whose identity is not stored yet. Only identities whose fingerprint is known are looked up, with a join
     * over the stored identities (about 15 ms per million rows scanned) — for re-delivered batches and client
     * re-sends, not for new events.
     */
    private static List<StoredEvent> withoutStored(DuckDBConnection c, List<StoredEvent> rows, long[] fingerprints,
                                                   IdFingerprints stored) throws SQLException {
        List<StoredEvent> suspects = new ArrayList<>();
        for (int i = 0; i < fingerprints.length; i++) {
            if (stored.contains(fingerprints[i])) {
                suspects.add(rows.get(i));
            }
        }
        if (suspects.isEmpty()) {
            return rows;
        }
        Set<Identities.Key> found = storedAmong(c, suspects);
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
    private static Set<Identities.Key> storedAmong(DuckDBConnection c, List<StoredEvent> suspects)
            throws SQLException {
        Instant earliest = suspects.get(0).event().receivedAt();
        for (StoredEvent e : suspects) {
            earliest = e.event().receivedAt().isBefore(earliest) ? e.event().receivedAt() : earliest;
        }
        Set<Identities.Key> found = lookUp(c, suspects, earliest.minus(RECENT));
        if (found.size() < suspects.size()) {
            found.addAll(lookUp(c, suspects.stream().filter(e -> !found.contains(Identities.Key.of(e))).toList(),
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

    /** Fingerprints of every stored identity, read once: by migrate(), or by the first write without migrate(). */
    private IdFingerprints storedIds() {
        if (storedIds == null) {
            long start = System.nanoTime();
            storedIds = pool.with(c -> {
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
                    return ids;
                }
            });
            LOG.info("read the fingerprints of {} stored event identities in {} ms", storedIds.size(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        return storedIds;
    }

    /**
     * Column by column in the types' own units (the appender's object overloads convert each value first), then an
     * explicit flush: only flush() reports a failure, close() drops the rows silently (duckdb_jdbc 1.4.4).
     */
    private void append(DuckDBAppender appender, List<StoredEvent> batch) throws SQLException {
        PropertiesJson properties = json.get();
        try (DuckDBAppender a = appender) {
            for (StoredEvent se : batch) {
                Event e = se.event();
                a.beginRow();
                a.appendUUID(e.eventId().getMostSignificantBits(), e.eventId().getLeastSignificantBits());
                a.append(e.userId()).append(e.action().name());
                a.append(e.filmId()).append(e.description());
                time(a, e.eventTime());
                time(a, e.startTime());
                time(a, e.endTime());
                a.append(properties.write(e.properties()));
                time(a, e.receivedAt());
                a.append(se.partition()).append(se.offset());
                a.endRow();
            }
            a.flush(); // close() flushes too, but a failure there (a duplicate key, say) drops the rows silently
        }
    }

    /** TIMESTAMP holds UTC wall-clock microseconds; instants here carry milliseconds. */
    private static void time(DuckDBAppender a, Instant t) throws SQLException {
        if (t == null) {
            a.appendNull();
        } else {
            a.appendEpochMicros(ChronoUnit.MICROS.between(Instant.EPOCH, t));
        }
    }

    /** Under the write lock: DuckDB would refuse a delete that conflicts with a concurrent append. */
    @Override
    public cinema.ugc.store.EventEraser eraser() {
        cinema.ugc.store.internal.JdbcEraser jdbc = new cinema.ugc.store.internal.JdbcEraser(pool);
        return new cinema.ugc.store.EventEraser() {
            @Override
            public java.util.Map<String, Long> erase(java.util.Map<String, java.time.Instant> receivedUpTo) {
                synchronized (writeLock) {
                    return jdbc.erase(receivedUpTo);
                }
            }

            @Override
            public long removeOlderThan(java.time.Instant cutoff) {
                synchronized (writeLock) {
                    return jdbc.removeOlderThan(cutoff);
                }
            }
        };
    }

    @Override
    public EventQueries queries() {
        return queries;
    }

    @Override
    public void close() {
        pool.close();
        try {
            root.close();
        } catch (SQLException e) {
            LOG.warn("closing DuckDB {}: {}", file, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return NAME + "[" + file + "]";
    }
}
