package cinema.ugc.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An analytics store of events: ClickHouse in production, DuckDB embedded, PostgreSQL in the research.
 * One interface, one class per database, chosen at start-up from configuration; the storage research drives
 * these very classes.
 *
 * <p>Contract shared by every implementation:
 * <ul>
 *   <li>{@link #migrate()} creates or upgrades the schema through versioned migrations, idempotently;</li>
 *   <li>{@link #write(List)} returns only once the batch is durable. An event's identity is (user_id, event_id); the
 *       first copy of an identity (lowest Kafka partition and offset) wins, and later copies — re-delivered records,
 *       client re-sends, whatever their payload — change no query result (exactly once in effect). The same id from
 *       two users is two events. ClickHouse recognises a copy only within its deduplication window
 *       ({@code UGC_CLICKHOUSE_DEDUP_WINDOW}) after the first; DuckDB and PostgreSQL always;</li>
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

    /**
     * Tells the store that this process writes these Kafka partitions from now on (the ETL calls it on assignment),
     * with the offset it will read next in each — the group's committed offset; records from there on may be stored
     * already by a process that stopped before committing. A store that remembers per partition what it wrote
     * recently reads it again from the table on the partition's next write. Never throws; the default does nothing.
     */
    default void partitionsAssigned(Map<Integer, Long> nextOffsets) {}

    /**
     * The identities this store holds in memory to drop copies and the heap they take, read afresh on each call (the
     * ETL's gauges call it at every scrape, from any thread); empty for a store that holds no such window.
     */
    default Optional<DedupWindow> dedupWindow() {
        return Optional.empty();
    }

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
