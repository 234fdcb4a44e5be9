package cinema.ugc.research;

import cinema.ugc.ops.servers.ClickHouseServer;
import cinema.ugc.ops.servers.PostgresServer;
import cinema.ugc.research.internal.ClickHouseTarget;
import cinema.ugc.research.internal.DuckDbTarget;
import cinema.ugc.research.internal.PostgresTarget;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the stores to compare: against the servers the user names, or private throw-away ones started from the
 * Debian binaries (ugc-ops' servers) under {@code workDir}.
 */
public final class StoreTargets {
    private static final Logger log = LoggerFactory.getLogger(StoreTargets.class);
    public static final List<String> ALL = List.of("clickhouse", "postgres", "duckdb");

    /**
     * Where the servers are; a null URL means "start a private one".
     *
     * @param postgresUrl a JDBC URL of a database used for administration (the research creates its own databases)
     */
    public record Endpoints(
            URI clickhouseUrl,
            String clickhouseUser,
            String clickhousePassword,
            String postgresUrl,
            String postgresUser,
            String postgresPassword,
            Path workDir) {

        public static Endpoints privateServers(Path workDir) {
            return new Endpoints(null, "default", "", null, "postgres", "", workDir);
        }
    }

    private StoreTargets() {}

    /** The named targets in the given order; on failure, stops whatever it had started. */
    public static Map<String, StoreTarget> open(List<String> names, Endpoints endpoints) {
        Map<String, StoreTarget> targets = new LinkedHashMap<>();
        try {
            for (String name : names) {
                targets.put(name, open(name, endpoints));
            }
            return targets;
        } catch (RuntimeException e) {
            targets.values().forEach(StoreTarget::close);
            throw e;
        }
    }

    private static StoreTarget open(String name, Endpoints e) {
        return switch (name) {
            case "clickhouse" -> clickhouse(e);
            case "postgres" -> postgres(e);
            case "duckdb" -> new DuckDbTarget(e.workDir().resolve("duckdb"));
            default ->
                throw new IllegalArgumentException("unknown store '" + name + "'; known: " + ALL
                        + " (Vertica has no EventStore in the product yet)");
        };
    }

    private static StoreTarget clickhouse(Endpoints e) {
        if (e.clickhouseUrl() != null) {
            return new ClickHouseTarget(e.clickhouseUrl(), e.clickhouseUser(), e.clickhousePassword(), null);
        }
        log.info("starting a private ClickHouse server under {}", e.workDir());
        ClickHouseServer server = ClickHouseServer.start(e.workDir());
        return new ClickHouseTarget(URI.create(server.httpUrl()), "default", "", server);
    }

    private static StoreTarget postgres(Endpoints e) {
        if (e.postgresUrl() != null) {
            return new PostgresTarget(e.postgresUrl(), e.postgresUser(), e.postgresPassword(), null);
        }
        log.info("starting a throw-away PostgreSQL cluster under {}", e.workDir());
        PostgresServer server = PostgresServer.start(e.workDir());
        return new PostgresTarget(server.jdbcUrl(), server.user(), "", server);
    }
}
