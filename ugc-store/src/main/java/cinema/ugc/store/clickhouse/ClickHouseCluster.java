package cinema.ugc.store.clickhouse;

import cinema.ugc.store.internal.Migration;
import com.clickhouse.client.api.insert.InsertSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema on a sharded, replicated ClickHouse cluster (UGC_CLICKHOUSE_CLUSTER names it in remote_servers).
 * {@code events_local} on every server is a ReplicatedReplacingMergeTree, one replication path per shard
 * ({@code /clickhouse/tables/{shard}/<db>_events}, replica {@code {replica}} — both macros from the server config);
 * {@code events} becomes a Distributed table over it, sharded by {@code cityHash64(user_id)}: all copies of an event
 * (same user) land on the same shard, so ReplacingMergeTree and FINAL deduplicate exactly as on one server, and the
 * store's writes and queries keep using {@code events} unchanged.
 *
 * <p>The single-server DDL is rewritten here rather than kept twice, so the columns have one source. DDL runs
 * {@code ON CLUSTER} (ZooKeeper's distributed DDL queue): a server that is down applies it when it returns.
 */
final class ClickHouseCluster {
    private static final Pattern CREATE_DATABASE = Pattern.compile("^CREATE DATABASE IF NOT EXISTS (\\w+)$");
    private static final Pattern CREATE_TABLE =
            Pattern.compile("^CREATE TABLE IF NOT EXISTS (\\w+)\\.(\\w+) \\(", Pattern.DOTALL);
    private static final Pattern OPTIMIZE = Pattern.compile("^OPTIMIZE TABLE (\\w+)\\.events FINAL$");
    private static final String ENGINE = "ENGINE = ReplacingMergeTree";

    private final String name;

    ClickHouseCluster(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("UGC_CLICKHOUSE_CLUSTER must be a plain identifier: " + name);
        }
        this.name = name;
    }

    String name() {
        return name;
    }

    List<String> bootstrap(List<String> statements) {
        return statements.stream().map(this::onCluster).toList();
    }

    List<Migration> migrations(List<Migration> migrations) {
        return migrations.stream()
                .map(m -> new Migration(
                        m.version(),
                        m.description() + " (cluster " + name + ")",
                        m.statements().stream()
                                .flatMap(s -> clustered(s).stream())
                                .toList()))
                .toList();
    }

    /**
     * A Distributed insert waits until every shard has the rows (insert_distributed_sync) — without it the insert
     * would return once queued on the receiving server, and the ETL would commit offsets for rows not yet stored.
     */
    InsertSettings insertSettings(InsertSettings settings) {
        return settings.serverSetting("insert_distributed_sync", "1");
    }

    /** Every server of the cluster, as its remote_servers configuration names it (host, native port). */
    String serversQuery() {
        return "SELECT host_name, port FROM system.clusters WHERE cluster = " + Tsv.quote(name)
                + " ORDER BY shard_num, replica_num";
    }

    /**
     * A table expression that reads the local events table of every replica of every shard, each as if it were a
     * shard of its own. Reads through the Distributed table ask one replica per shard, which may not have fetched a
     * part its twin took moments ago; the store's read-back of what is stored must see that part.
     */
    String everyReplica(List<String[]> servers, String db, String user, String password) {
        StringBuilder addresses = new StringBuilder();
        for (String[] s : servers) {
            addresses
                    .append(addresses.length() == 0 ? "" : ",")
                    .append(s[0])
                    .append(':')
                    .append(s[1]);
        }
        return "remote(" + Tsv.quote(addresses.toString()) + ", " + db + ", events_local, " + Tsv.quote(user) + ", "
                + Tsv.quote(password) + ")";
    }

    /** The events table's statement becomes a replicated local table plus the Distributed table over it. */
    List<String> clustered(String statement) {
        String s = statement.strip();
        Matcher m = CREATE_TABLE.matcher(s);
        if (m.find() && m.group(2).equals("events") && s.contains(ENGINE)) {
            return eventsTables(m.group(1), s);
        }
        Matcher optimize = OPTIMIZE.matcher(s);
        if (optimize.matches()) {
            // 18.16 fails OPTIMIZE … ON CLUSTER on replicated tables ("Unknown log entry type: 0"), and the Distributed
            // table cannot be optimized: on a cluster the one-time collapse is the operator's (docs/storage.md)
            return List.of();
        }
        return List.of(onCluster(s));
    }

    private List<String> eventsTables(String db, String s) {
        String local = s.replaceFirst(
                        "IF NOT EXISTS " + db + "\\.events \\(",
                        "IF NOT EXISTS " + db + ".events_local ON CLUSTER " + name + " (")
                .replace(
                        ENGINE,
                        "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/" + db
                                + "_events', '{replica}')");
        List<String> out = new ArrayList<>();
        out.add(local);
        out.add("CREATE TABLE IF NOT EXISTS " + db + ".events ON CLUSTER " + name + " AS " + db + ".events_local"
                + " ENGINE = Distributed(" + name + ", " + db + ", events_local, cityHash64(user_id))");
        return out;
    }

    /** Other CREATE statements (database, schema_migrations) run on every server, each keeping its own copy. */
    private String onCluster(String statement) {
        String s = statement.strip();
        Matcher db = CREATE_DATABASE.matcher(s);
        if (db.matches()) {
            return s + " ON CLUSTER " + name;
        }
        Matcher table = CREATE_TABLE.matcher(s);
        if (table.find()) {
            return s.replaceFirst(
                    "IF NOT EXISTS " + table.group(1) + "\\." + table.group(2) + " \\(",
                    "IF NOT EXISTS " + table.group(1) + "." + table.group(2) + " ON CLUSTER " + name + " (");
        }
        throw new IllegalStateException("no cluster form for this DDL; teach ClickHouseCluster about it: " + s);
    }
}
