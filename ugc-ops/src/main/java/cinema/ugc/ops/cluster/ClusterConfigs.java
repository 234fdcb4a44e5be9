package cinema.ugc.ops.cluster;

import cinema.ugc.kafka.BrokerConfig;
import cinema.ugc.kafka.NodeRoles;
import cinema.ugc.ops.cluster.ClusterLayout.ClickHouseNode;
import cinema.ugc.ops.cluster.ClusterLayout.ControllerNode;
import cinema.ugc.ops.cluster.ClusterLayout.KafkaNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders the node configurations from {@code deploy/templates/}. The local cluster and the Docker files call the
 * same methods, with loopback addresses and per-node ports for the one, service names and standard ports for the other.
 */
public final class ClusterConfigs {
    /** The name of the ClickHouse cluster in remote_servers, and so the value of UGC_CLICKHOUSE_CLUSTER. */
    public static final String CLICKHOUSE_CLUSTER = "ugc";

    private ClusterConfigs() {}

    /**
     * One broker of the cluster (KRaft {@code process.roles=broker}: partitions and clients; the quorum is the
     * dedicated controllers').
     *
     * @param voters the controller quorum, as this node reaches the controllers
     * @param host   the name clients and peers reach it by; null: loopback only
     */
    public static BrokerConfig broker(ClusterLayout layout, KafkaNode k, Path dataDir, String voters, String host) {
        return node(layout, k.id(), dataDir, k.port(), 0, voters, host, NodeRoles.BROKER);
    }

    /** One controller of the cluster (KRaft {@code process.roles=controller}: a voter of the metadata quorum). */
    public static BrokerConfig controller(
            ClusterLayout layout, ControllerNode c, Path dataDir, String voters, String host) {
        return node(layout, c.nodeId(), dataDir, 0, c.port(), voters, host, NodeRoles.CONTROLLER);
    }

    /**
     * The replication defaults go to both roles: brokers create the internal topics with them, controllers apply
     * them to topics created without an explicit factor and to leader elections.
     */
    private static BrokerConfig node(
            ClusterLayout layout,
            int id,
            Path dataDir,
            int port,
            int controllerPort,
            String voters,
            String host,
            NodeRoles roles) {
        KafkaReplication replication = layout.kafkaReplication();
        return new BrokerConfig(
                id,
                dataDir,
                port,
                controllerPort,
                voters,
                layout.kafkaClusterId(),
                replication.factor(),
                replication.minInsync(),
                host,
                roles);
    }

    public static String zooCfg(String dataDir, int port, String bind) {
        return Templates.render("zookeeper/zoo.cfg", Map.of("ZK_DATA_DIR", dataDir, "ZK_PORT", port, "ZK_BIND", bind));
    }

    /** config.d/ugc-node.xml: ports, paths, the address other replicas fetch parts from. */
    public static String clickHouseNode(ClickHouseNode n, String interserverHost, String dataDir, String logDir) {
        return Templates.render(
                "clickhouse/ugc-node.xml",
                Map.of(
                        "HTTP_PORT",
                        n.httpPort(),
                        "TCP_PORT",
                        n.tcpPort(),
                        "INTERSERVER_PORT",
                        n.interserverPort(),
                        "INTERSERVER_HOST",
                        interserverHost,
                        "DATA_DIR",
                        dataDir,
                        "LOG_DIR",
                        logDir));
    }

    /** config.d/ugc-cluster.xml: ZooKeeper, this node's macros, every shard and replica of the cluster. */
    public static String clickHouseCluster(
            ClusterLayout layout,
            ClickHouseNode self,
            Function<ClickHouseNode, String> host,
            String zkHost,
            int zkPort) {
        String shards = layout.clickhouse().stream()
                .collect(Collectors.groupingBy(ClickHouseNode::shard, java.util.TreeMap::new, Collectors.toList()))
                .values()
                .stream()
                .map(replicas -> Templates.render(
                                "clickhouse/shard.xml",
                                Map.of(
                                        "REPLICAS",
                                        replicas.stream()
                                                .map(r -> Templates.render(
                                                                "clickhouse/replica.xml",
                                                                Map.of("HOST", host.apply(r), "TCP_PORT", r.tcpPort()))
                                                        .stripTrailing())
                                                .collect(Collectors.joining("\n"))))
                        .stripTrailing())
                .collect(Collectors.joining("\n"));
        return Templates.render(
                "clickhouse/ugc-cluster.xml",
                Map.of(
                        "ZK_HOST",
                        zkHost,
                        "ZK_PORT",
                        zkPort,
                        "SHARD",
                        self.shard(),
                        "REPLICA",
                        self.name(),
                        "CLUSTER",
                        CLICKHOUSE_CLUSTER,
                        "SHARDS",
                        shards));
    }
}
