package cinema.ugc.store.postgres;

import cinema.ugc.store.EventQueries;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.StoredEvent;
import cinema.ugc.store.internal.Connections;
import cinema.ugc.store.internal.JdbcErrors;
import cinema.ugc.store.internal.JdbcEventQueries;
import cinema.ugc.store.internal.JdbcMigrator;
import cinema.ugc.store.internal.Transactions;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * PostgreSQL: each batch is COPYed into a per-session temporary table, then moved into {@code events} with
 * {@code INSERT ... ON CONFLICT DO NOTHING} on the primary key (user_id, event_id) in the same transaction, so the
 * first copy of an event wins and re-delivered or re-sent copies change nothing.
 */
public final class PostgresStore implements EventStore {
    private static final String NAME = "PostgreSQL";

    private final String url;
    private final Connections pool;
    private final EventQueries queries;

    private PostgresStore(String url, String user, String password) {
        this.url = url;
        this.pool = Connections.pooled(
                PostgresPool.create(url, user, password), e -> JdbcErrors.classify(NAME + " " + url, e));
        this.queries = new JdbcEventQueries(pool, " COLLATE \"C\"", "event_id");
    }

    /** Opens a store; connections are made on first use, so an unreachable server fails the first call. */
    public static PostgresStore open(String url, String user, String password) {
        return new PostgresStore(url, user, password);
    }

    @Override
    public String describe() {
        return pool.with(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                return NAME + " " + rs.getString(1);
            }
        });
    }

    @Override
    public void migrate() {
        pool.with(c -> {
            JdbcMigrator.apply(c, PostgresSchema.MIGRATIONS, PostgresSchema.LOCK);
            return null;
        });
    }

    @Override
    public void write(List<StoredEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        String rows = new CopyText().render(batch);
        pool.with(c -> {
            copyAndMerge(c, rows);
            return null;
        });
    }

    private static void copyAndMerge(Connection c, String rows) throws SQLException {
        Transactions.inTransaction(c, () -> {
            try (Statement s = c.createStatement()) {
                s.execute(PostgresSchema.STAGING);
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(PostgresSchema.COPY, new StringReader(rows));
                s.execute(PostgresSchema.MERGE);
            } catch (IOException e) {
                throw new SQLException("COPY failed: " + e.getMessage(), "08006", e);
            }
        });
    }

    @Override
    public cinema.ugc.store.EventEraser eraser() {
        return new cinema.ugc.store.internal.JdbcEraser(pool);
    }

    @Override
    public EventQueries queries() {
        return queries;
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return NAME + "[" + url + "]";
    }
}
