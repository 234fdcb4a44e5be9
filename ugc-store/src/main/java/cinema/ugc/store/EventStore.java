package cinema.ugc.store;

import java.util.List;

/**
 * An analytics store of events: ClickHouse in production, DuckDB embedded, PostgreSQL in the research.
 * One interface, one class per database, chosen at start-up from configuration; the storage research drives
 * these very classes.
 *
 * <p>Contract shared by every implementation:
 * <ul>
 *   <li>{@link #migrate()} creates or upgrades the schema through versioned migrations, idempotently;</li>
 *   <li>{@link #write(List)} returns only once the batch is durable; writing events whose {@code event_id}s are
 *       already stored never changes any query result (exactly once in effect);</li>
 *   <li>failures are {@link StoreException}s: {@link StoreException#retriable()} says whether the same batch may be
 *       written again later.</li>
 * </ul>
 */
public interface EventStore extends AutoCloseable {

    /** A short human name with the server version, e.g. {@code ClickHouse 18.16.1}. */
    String describe();

    /** Creates or migrates the schema; safe to call on every start, from several instances. */
    void migrate();

    /** Writes one batch durably; see the class contract for idempotence. */
    void write(List<StoredEvent> batch);

    /** The analytics queries, with the same meaning on every store. */
    EventQueries queries();

    /** Erasure and retention on this store. */
    default EventEraser eraser() {
        throw new UnsupportedOperationException(describe() + " cannot erase events");
    }

    /** Releases connections; never throws. */
    @Override
    void close();
}
