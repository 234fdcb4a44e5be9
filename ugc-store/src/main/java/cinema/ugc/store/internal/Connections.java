package cinema.ugc.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Gives each call a JDBC connection of its own for its duration, so the ETL's writes and the API's reads never share
 * one (neither DuckDB's nor PostgreSQL's connections are safe to share). Closing the connection after the call returns
 * it to its pool ({@link #pooled}) or ends it ({@link #perCall}).
 */
public final class Connections implements AutoCloseable {
    /** Opens a new connection, or borrows one from a pool. */
    @FunctionalInterface
    public interface Source {
        Connection open() throws SQLException;
    }

    private final Source source;
    private final AutoCloseable owned;
    private final Function<SQLException, RuntimeException> errors;
    private volatile boolean closed;

    private Connections(Source source, AutoCloseable owned, Function<SQLException, RuntimeException> errors) {
        this.source = source;
        this.owned = owned;
        this.errors = errors;
    }

    /** Connections borrowed from {@code pool} (HikariCP: bounded and validated), which {@link #close()} closes. */
    public static <P extends DataSource & AutoCloseable> Connections pooled(
            P pool, Function<SQLException, RuntimeException> errors) {
        return new Connections(pool::getConnection, pool, errors);
    }

    /** A connection opened for each call and closed after it: for sources where opening costs next to nothing. */
    public static Connections perCall(Source source, Function<SQLException, RuntimeException> errors) {
        return new Connections(source, () -> {}, errors);
    }

    /** Runs {@code work} on a connection of its own; SQL failures become the store's error type. */
    public <T> T with(SqlFunction<T> work) {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
        try (Connection connection = source.open()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw errors.apply(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            owned.close();
        } catch (Exception ignored) {
            // closing a pool whose connections failed: nothing useful to report
        }
    }
}
