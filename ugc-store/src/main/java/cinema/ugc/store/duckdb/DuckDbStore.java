package cinema.ugc.store.duckdb;

import cinema.ugc.model.Event;
import cinema.ugc.model.PropertiesJson;
import cinema.ugc.store.EventQueries;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.StoreException;
import cinema.ugc.store.StoredEvent;
import cinema.ugc.store.internal.ConnectionPool;
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
 * Embedded DuckDB in one file. A batch is one transaction: the Appender writes it into {@code events} (primary key
 * event_id); when the key refuses it, the batch is merged through a temporary staging table with {@code INSERT OR
 * IGNORE} instead, so a re-delivered batch changes nothing. Each caller thread works on its own duplicate of the root
 * connection, which lets the query API read while the ETL writes.
 */
public final class DuckDbStore implements EventStore {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbStore.class);
    private static final String NAME = "DuckDB";
    /**
     * WAL size that triggers a checkpoint (DuckDB's default is 16 MB). Each checkpoint rewrites the primary-key index;
     * at 16 MB the ETL's batches checkpointed every few seconds and commits cost about twice as much. The price: up
     * to this much WAL is replayed when the file is opened after a crash (a few seconds).
     */
    static final String CHECKPOINT_THRESHOLD = "128MB";

    private final Path file;
    private final DuckDBConnection root;
    private final ConnectionPool pool;
    private final EventQueries queries;
    private final ThreadLocal<PropertiesJson> json = ThreadLocal.withInitial(PropertiesJson::new);

    private DuckDbStore(Path file, DuckDBConnection root) {
        this.file = file;
        this.root = root;
        this.pool = new ConnectionPool(root::duplicate, e -> JdbcErrors.classify(NAME, e));
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
    }

    @Override
    public void write(List<StoredEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        pool.with(c -> {
            DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
            Transactions.inTransaction(duck, () -> {
                if (!appendNew(duck, batch)) {
                    duck.rollback();
                    merge(duck, batch);
                }
            });
            return null;
        });
    }

    /**
     * The fast path: the appender straight into {@code events}, whose primary key refuses the whole append when any
     * id is already stored or repeated in the batch — false then. Almost every batch has no duplicate; staging it and
     * copying it over cost about 25 % more in StoreWriteBench (docs/benchmarks.md).
     */
    private boolean appendNew(DuckDBConnection c, List<StoredEvent> batch) throws SQLException {
        try {
            append(c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events"), batch);
            return true;
        } catch (SQLException e) {
            if (DuckDbSchema.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * A batch that repeats ids: staged in the connection's temporary table, then merged so that the first copy of each
     * id wins. DuckDB's JDBC driver closes a statement that failed, hence one statement per step.
     */
    private void merge(DuckDBConnection c, List<StoredEvent> batch) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(DuckDbSchema.STAGING);
        }
        append(c.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "events_staging"), batch);
        try (Statement s = c.createStatement()) {
            s.execute(DuckDbSchema.MERGE);
        }
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM events_staging");
        }
    }

    /**
     * Column by column in the types' own units (the appender's object overloads convert each value first), then an
     * explicit flush: only flush() reports what the table refused.
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
