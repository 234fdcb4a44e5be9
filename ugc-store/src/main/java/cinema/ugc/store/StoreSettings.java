package cinema.ugc.store;

import cinema.ugc.model.config.Env;
import cinema.ugc.model.config.Setting;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Which analytics store to open and how to reach it. Passwords never appear in {@link #toString()}.
 *
 * @param duckdbPath the DuckDB file; defaults to {@code <UGC_DATA_DIR>/ugc.duckdb}
 */
public record StoreSettings(
        Kind kind,
        URI clickhouseUrl,
        String clickhouseUser,
        String clickhousePassword,
        String clickhouseDatabase,
        Path duckdbPath,
        String postgresUrl,
        String postgresUser,
        String postgresPassword,
        String clickhouseCluster,
        Duration clickhouseDedupWindow) {

    /** Without a ClickHouse cluster (the original components; UGC_CLICKHOUSE_CLUSTER unset). */
    public StoreSettings(
            Kind kind,
            URI clickhouseUrl,
            String clickhouseUser,
            String clickhousePassword,
            String clickhouseDatabase,
            Path duckdbPath,
            String postgresUrl,
            String postgresUser,
            String postgresPassword) {
        this(
                kind,
                clickhouseUrl,
                clickhouseUser,
                clickhousePassword,
                clickhouseDatabase,
                duckdbPath,
                postgresUrl,
                postgresUser,
                postgresPassword,
                null);
    }

    /** With the default ClickHouse deduplication window. */
    public StoreSettings(
            Kind kind,
            URI clickhouseUrl,
            String clickhouseUser,
            String clickhousePassword,
            String clickhouseDatabase,
            Path duckdbPath,
            String postgresUrl,
            String postgresUser,
            String postgresPassword,
            String clickhouseCluster) {
        this(
                kind,
                clickhouseUrl,
                clickhouseUser,
                clickhousePassword,
                clickhouseDatabase,
                duckdbPath,
                postgresUrl,
                postgresUser,
                postgresPassword,
                clickhouseCluster,
                Setting.parseDuration(DEDUP_WINDOW_DEFAULT));
    }

    /** The store implementations, one class per database. */
    public enum Kind {
        DUCKDB,
        CLICKHOUSE,
        POSTGRES
    }

    /** Read only to place the default DuckDB file; declared by the application that owns the data directory. */
    static final String DATA_DIR_KEY = "UGC_DATA_DIR";

    public static final Setting<Kind> STORE = Setting.oneOf(
            "UGC_STORE", Kind.DUCKDB, Kind.class, "Analytics store the ETL writes to and the query API reads from.");
    public static final Setting<URI> CLICKHOUSE_URL = new Setting<>(
            "UGC_CLICKHOUSE_URL", "ClickHouse HTTP endpoint.", "http://localhost:8123", StoreSettings::httpUri);
    public static final Setting<String> CLICKHOUSE_USER =
            Setting.string("UGC_CLICKHOUSE_USER", "default", "ClickHouse user.");
    public static final Setting<String> CLICKHOUSE_PASSWORD =
            Setting.string("UGC_CLICKHOUSE_PASSWORD", null, "ClickHouse password (empty: none).");
    public static final Setting<String> CLICKHOUSE_DATABASE = new Setting<>(
            "UGC_CLICKHOUSE_DATABASE",
            "ClickHouse database holding the events table; created when missing.",
            "ugc",
            StoreSettings::identifier);
    public static final Setting<Path> DUCKDB_PATH = new Setting<>(
            "UGC_DUCKDB_PATH", "DuckDB database file (default: <UGC_DATA_DIR>/ugc.duckdb).", null, Path::of);
    public static final Setting<String> POSTGRES_URL =
            Setting.string("UGC_POSTGRES_URL", "jdbc:postgresql://localhost:5432/ugc", "PostgreSQL JDBC URL.");
    public static final Setting<String> POSTGRES_USER =
            Setting.string("UGC_POSTGRES_USER", "postgres", "PostgreSQL user.");
    public static final Setting<String> POSTGRES_PASSWORD =
            Setting.string("UGC_POSTGRES_PASSWORD", null, "PostgreSQL password (empty: none).");

    public static final Setting<String> CLICKHOUSE_CLUSTER = Setting.string(
            "UGC_CLICKHOUSE_CLUSTER",
            null,
            "ClickHouse cluster name (remote_servers): events become a Distributed table over "
                    + "ReplicatedReplacingMergeTree shards, DDL runs ON CLUSTER. Empty: one server.");

    private static final String DEDUP_WINDOW_DEFAULT = "1h";
    public static final Setting<Duration> CLICKHOUSE_DEDUP_WINDOW = new Setting<>(
            "UGC_CLICKHOUSE_DEDUP_WINDOW",
            "How long after an event's first copy (by received_at, per Kafka partition) ClickHouse still drops a "
                    + "re-sent copy of it; costs 27–38 bytes of heap per event received in the window "
                    + "(docs/storage.md#idempotency). 1s to 30d.",
            DEDUP_WINDOW_DEFAULT,
            StoreSettings::dedupWindow);

    public static final List<Setting<?>> SETTINGS = List.of(
            STORE,
            CLICKHOUSE_URL,
            CLICKHOUSE_USER,
            CLICKHOUSE_PASSWORD,
            CLICKHOUSE_DATABASE,
            CLICKHOUSE_CLUSTER,
            CLICKHOUSE_DEDUP_WINDOW,
            DUCKDB_PATH,
            POSTGRES_URL,
            POSTGRES_USER,
            POSTGRES_PASSWORD);

    public static StoreSettings from(Env env) {
        Path duckdb = env.get(DUCKDB_PATH);
        if (duckdb == null) {
            duckdb = Path.of(env.raw(DATA_DIR_KEY).orElse("data")).resolve("ugc.duckdb");
        }
        return new StoreSettings(
                env.get(STORE),
                env.get(CLICKHOUSE_URL),
                env.get(CLICKHOUSE_USER),
                password(env, CLICKHOUSE_PASSWORD),
                env.get(CLICKHOUSE_DATABASE),
                duckdb,
                env.get(POSTGRES_URL),
                env.get(POSTGRES_USER),
                password(env, POSTGRES_PASSWORD),
                env.get(CLICKHOUSE_CLUSTER),
                env.get(CLICKHOUSE_DEDUP_WINDOW));
    }

    /** Unset means no password, kept as "" so clients need no null checks. */
    private static String password(Env env, Setting<String> setting) {
        String value = env.get(setting);
        return value == null ? "" : value;
    }

    /** Settings for an embedded DuckDB file, the other stores left at their defaults. */
    public static StoreSettings duckdb(Path file) {
        return from(Env.of(java.util.Map.of())).with(Kind.DUCKDB, file);
    }

    private StoreSettings with(Kind newKind, Path file) {
        return new StoreSettings(
                newKind,
                clickhouseUrl,
                clickhouseUser,
                clickhousePassword,
                clickhouseDatabase,
                file,
                postgresUrl,
                postgresUser,
                postgresPassword,
                clickhouseCluster,
                clickhouseDedupWindow);
    }

    @Override
    public String toString() {
        return "StoreSettings[kind=" + kind + ", clickhouseUrl=" + clickhouseUrl + ", clickhouseUser=" + clickhouseUser
                + ", clickhouseDatabase=" + clickhouseDatabase + ", clickhouseCluster=" + clickhouseCluster
                + ", clickhouseDedupWindow=" + clickhouseDedupWindow
                + ", duckdbPath=" + duckdbPath + ", postgresUrl="
                + postgresUrl + ", postgresUser=" + postgresUser + "]";
    }

    private static URI httpUri(String text) {
        URI uri = URI.create(text);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("must be an http(s)://host:port URL");
        }
        return uri;
    }

    private static Duration dedupWindow(String text) {
        Duration d = Setting.parseDuration(text);
        if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofDays(30)) > 0) {
            throw new IllegalArgumentException("must be between 1s and 30d");
        }
        return d;
    }

    private static String identifier(String text) {
        if (!text.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("must be a plain identifier (letters, digits, _)");
        }
        return text;
    }
}
