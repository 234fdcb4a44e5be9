package cinema.ugc.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A tiny pool: each caller borrows a connection of its own for the duration of one call, so the ETL's writes and the
 * API's reads never share a JDBC connection (neither DuckDB's nor PostgreSQL's connections are safe to share).
 * Connections are opened on demand and kept for reuse; a connection that failed is discarded.
 */
public final class ConnectionPool implements AutoCloseable {
    /** Opens a new connection. */
    @FunctionalInterface
    public interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private final Function<SQLException, RuntimeException> errors;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final List<Connection> all = new ArrayList<>();
    private boolean closed;

    public ConnectionPool(Opener opener, Function<SQLException, RuntimeException> errors) {
        this.opener = opener;
        this.errors = errors;
    }

    /** Runs {@code work} on a connection of its own; SQL failures become the pool's error type. */
    public <T> T with(SqlFunction<T> work) {
        Connection connection = borrow();
        boolean healthy = false;
        try {
            T result = work.apply(connection);
            healthy = true;
            return result;
        } catch (SQLException e) {
            throw errors.apply(e);
        } finally {
            release(connection, healthy);
        }
    }

    private Connection borrow() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("store is closed");
            }
            Connection c = idle.pollFirst();
            if (c != null) {
                return c;
            }
        }
        try {
            Connection c = opener.open();
            synchronized (this) {
                all.add(c);
            }
            return c;
        } catch (SQLException e) {
            throw errors.apply(e);
        }
    }

    private void release(Connection connection, boolean healthy) {
        synchronized (this) {
            if (healthy && !closed) {
                idle.addFirst(connection);
                return;
            }
            all.remove(connection);
        }
        quietlyClose(connection);
    }

    @Override
    public void close() {
        List<Connection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(all);
            all.clear();
            idle.clear();
        }
        toClose.forEach(ConnectionPool::quietlyClose);
    }

    private static void quietlyClose(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // closing a broken connection: nothing useful to report
        }
    }
}
