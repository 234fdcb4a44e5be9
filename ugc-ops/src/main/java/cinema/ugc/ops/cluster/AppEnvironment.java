package cinema.ugc.ops.cluster;

import cinema.ugc.ops.cluster.ClusterLayout.ClickHouseNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The settings every API/ETL instance of the cluster is started with: the brokers, the replication rule, ClickHouse in
 * cluster mode. The local cluster and the Docker files take them from here.
 */
public final class AppEnvironment {
    /** The ETL setting {@link #etl} gives a cluster's instances a value of their own for. */
    public static final String ETL_CONSUMERS = "UGC_ETL_CONSUMERS";

    /**
     * Consumer threads per ETL instance in a cluster: one, where a single process has two. Every thread of every
     * instance inserts into the same replicated table — once caught up, once per UGC_ETL_WRITE_INTERVAL (500 ms) — and
     * ClickHouse wants about one insert per second per table, each insert being a part that the replicas register in
     * ZooKeeper, fetch and merge. Two instances of two threads made up to 8 inserts a second; at 2,000 events/s the
     * local cluster's four ClickHouse servers and ZooKeeper then took 76–100 % of the 200 % its two cores give, and
     * request latency followed (docs/benchmarks.md, "Broker failover"). One thread per instance halves that and keeps the ETL's
     * redundancy (a second instance); a single thread still reads far faster than these stores take rows.
     */
    static final int ETL_CONSUMERS_PER_INSTANCE = 1;

    private AppEnvironment() {}

    /**
     * What an ETL instance of a cluster gets beside {@link #of}: its static membership id (a restarted instance takes
     * its partitions back at once) and {@link #ETL_CONSUMERS_PER_INSTANCE} consumer threads.
     */
    public static Map<String, String> etl(String name) {
        return Map.of("UGC_ETL_INSTANCE_ID", name, ETL_CONSUMERS, Integer.toString(ETL_CONSUMERS_PER_INSTANCE));
    }

    /** Instance {@code instance} (1-based) of the local cluster: everything on loopback, its data under {@code dir}. */
    public static Map<String, String> local(ClusterLayout layout, Path dir, int instance) {
        return of(layout, instance, n -> "127.0.0.1", layout.kafkaBootstrap(), dir.toString());
    }

    /**
     * The settings of API/ETL instance {@code instance} (1-based). Instance k talks to a replica of shard k (round
     * robin), so the entry points are spread over the servers.
     *
     * @param host how the instance reaches a ClickHouse server (loopback, or a Docker service name)
     */
    public static Map<String, String> of(
            ClusterLayout layout,
            int instance,
            Function<ClickHouseNode, String> host,
            String kafkaBootstrap,
            String dataDir) {
        KafkaReplication replication = layout.kafkaReplication();
        ClickHouseNode entry = layout.clickhouse()
                .get(((instance - 1) * layout.topology().replicas())
                        % layout.clickhouse().size());
        Map<String, String> env = new TreeMap<>();
        env.put("UGC_DATA_DIR", dataDir);
        env.put("UGC_KAFKA_BOOTSTRAP", kafkaBootstrap);
        env.put("UGC_KAFKA_REPLICATION", Integer.toString(replication.factor()));
        env.put("UGC_KAFKA_MIN_INSYNC", Integer.toString(replication.minInsync()));
        env.put("UGC_KAFKA_PARTITIONS", Integer.toString(LocalCluster.PARTITIONS));
        env.put("UGC_STORE", "clickhouse");
        env.put("UGC_CLICKHOUSE_URL", "http://" + host.apply(entry) + ":" + entry.httpPort());
        env.put("UGC_CLICKHOUSE_CLUSTER", ClusterConfigs.CLICKHOUSE_CLUSTER);
        return env;
    }
}
