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
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded DuckDB in one file. A batch is one transaction that appends only the events whose identity (user_id,
 * event_id) is not stored yet, so a re-delivered batch or a client's re-sent event changes nothing: the first copy
 * wins. The store, not an index, keeps each identity once ({@link DuckDbDuplicates}): it holds a 64-bit fingerprint of
 * every stored identity in memory and looks up exactly only the identities whose fingerprint it already knows. A
 * primary key would do the same, but its index is looked up and updated for every appended row, which costs write
 * throughput; the fingerprints cost heap instead (docs/adr/0007-duckdb-deduplication-without-an-index.md, figures in
 * docs/benchmarks.md#etl). This holds while this store is the file's only writer — DuckDB locks the file to one
 * process, and the application opens one store per file. Each caller thread works on its own duplicate of the root
 * connection, which lets the query API read while the ETL writes.
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

    private final Path file;
    private final DuckDBConnection root;
    private final Connections pool;
    private final EventQueries queries;
    private final ThreadLocal<PropertiesJson> json = ThreadLocal.withInitial(PropertiesJson::new);
    private final Object writeLock = new Object();
    /** Guarded by writeLock; loaded by migrate() or the first write. */
    private DuckDbDuplicates duplicates;

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
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT version()")) {
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
            duplicates();
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
        Identities.Unique unique = DuckDbDuplicates.firstCopies(batch);
        synchronized (writeLock) {
            DuckDbDuplicates duplicates = duplicates();
            pool.with(c -> {
                DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
                Transactions.inTransaction(duck, () -> {
                    List<StoredEvent> fresh = duplicates.fresh(duck, unique);
                    if (!fresh.isEmpty()) {
                        append(duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events"), fresh);
                    }
                });
                return null;
            });
        }
    }

    /** The duplicate detection, loaded once: by migrate(), or by the first write without migrate(). */
    private DuckDbDuplicates duplicates() {
        if (duplicates == null) {
            long start = System.nanoTime();
            duplicates = pool.with(DuckDbDuplicates::load);
            LOG.info(
                    "read the fingerprints of {} stored event identities in {} ms",
                    duplicates.size(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        return duplicates;
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
