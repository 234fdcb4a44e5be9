package cinema.ugc.research;

import cinema.ugc.store.EventStore;

/**
 * One kind of store under test, able to give fresh, empty stores: a database (ClickHouse), a database (PostgreSQL)
 * or a file (DuckDB) per namespace — so repeated loads start from nothing and cannot interfere.
 * Stores are the product's own {@link EventStore} classes; only provisioning and disk accounting live here.
 */
public interface StoreTarget extends AutoCloseable {

    /** Short name: {@code clickhouse}, {@code postgres}, {@code duckdb}. */
    String name();

    /** Opens the store in {@code namespace}, creating the namespace when missing (the caller migrates). */
    EventStore open(String namespace);

    /** Bytes on disk the namespace takes (tables, indexes, WAL where the engine keeps one per namespace). */
    long footprintBytes(String namespace);

    /** How the footprint is measured, for the report. */
    String footprintMethod();

    /** Removes the namespace and its data. */
    void drop(String namespace);

    /** Stops any server this target started; never throws. */
    @Override
    void close();
}
