package cinema.ugc.etl;

import cinema.ugc.model.config.Env;
import cinema.ugc.ops.servers.ClickHouseServer;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStores;
import cinema.ugc.store.StoreSettings;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;

/**
 * The store an ETL benchmark writes into, fresh and migrated: a private ClickHouse server (database {@code bench}) or
 * a DuckDB file in the run's directory. Closing it closes the store, then stops the server.
 */
final class BenchStore implements AutoCloseable {
    private final ClickHouseServer server;
    private final EventStore store;

    private BenchStore(ClickHouseServer server, EventStore store) {
        this.server = server;
        this.store = store;
    }

    /** @param kind {@code clickhouse} or {@code duckdb} */
    static BenchStore open(String kind, Path dir) {
        ClickHouseServer server = kind.equals("clickhouse") ? ClickHouseServer.start(dir) : null;
        try {
            EventStore store = EventStores.open(StoreSettings.from(Env.of(settings(server, dir))));
            try {
                store.migrate();
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
            return new BenchStore(server, store);
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            throw e;
        }
    }

    private static Map<String, String> settings(ClickHouseServer server, Path dir) {
        return server != null
                ? Map.of(
                        "UGC_STORE",
                        "clickhouse",
                        "UGC_CLICKHOUSE_URL",
                        server.httpUrl(),
                        "UGC_CLICKHOUSE_DATABASE",
                        "bench")
                : Map.of(
                        "UGC_STORE",
                        "duckdb",
                        "UGC_DUCKDB_PATH",
                        dir.resolve("bench.duckdb").toString());
    }

    EventStore store() {
        return store;
    }

    /** The private ClickHouse server, or null for DuckDB. */
    ClickHouseServer server() {
        return server;
    }

    /** The machine is shared: the 1-minute load average says how much of it the run had. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }
}
