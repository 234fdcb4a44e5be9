package cinema.ugc.store;

import cinema.ugc.model.config.Env;
import cinema.ugc.ops.servers.ClickHouseServer;
import cinema.ugc.ops.servers.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.io.file.PathUtils;

/**
 * What a store benchmark runs against: private ClickHouse and PostgreSQL servers and a DuckDB file, all in one
 * temporary directory that closing removes (after stopping the servers).
 */
final class BenchServers implements AutoCloseable {
    private final Path dir;
    private final ClickHouseServer clickHouse;
    private final PostgresServer postgres;

    private BenchServers(Path dir, ClickHouseServer clickHouse, PostgresServer postgres) {
        this.dir = dir;
        this.clickHouse = clickHouse;
        this.postgres = postgres;
    }

    static BenchServers start(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        ClickHouseServer clickHouse = null;
        try {
            clickHouse = ClickHouseServer.start(dir);
            return new BenchServers(dir, clickHouse, PostgresServer.start(dir));
        } catch (RuntimeException e) {
            if (clickHouse != null) {
                clickHouse.close();
            }
            PathUtils.deleteDirectory(dir);
            throw e;
        }
    }

    /** @param store {@code duckdb}, {@code clickhouse} or {@code postgres} */
    StoreSettings settings(String store) {
        return switch (store) {
            case "duckdb" -> StoreSettings.duckdb(dir.resolve("bench.duckdb"));
            case "clickhouse" ->
                StoreSettings.from(
                        Env.of(Map.of("UGC_STORE", "clickhouse", "UGC_CLICKHOUSE_URL", clickHouse.httpUrl())));
            case "postgres" ->
                StoreSettings.from(Env.of(Map.of("UGC_STORE", "postgres", "UGC_POSTGRES_URL", postgres.jdbcUrl())));
            default -> throw new IllegalArgumentException("no such store: " + store);
        };
    }

    /** The machine is shared: the 1-minute load average says how much of it the run had. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            try {
                clickHouse.close();
            } finally {
                PathUtils.deleteDirectory(dir);
            }
        }
    }
}
