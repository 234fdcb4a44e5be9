package cinema.ugc.ops.cluster;

import cinema.ugc.kafka.internal.Ports;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.IntSupplier;

/**
 * Where every node of the local cluster lives: its loopback ports and its directory. Saved in
 * {@code <dir>/layout.properties} so that {@code status}, {@code down} and a later {@code up} find the same ports.
 *
 * @param kafkaClusterId the id all brokers are formatted with (they must agree)
 */
public record ClusterLayout(
        Path dir,
        Topology topology,
        String kafkaClusterId,
        int zooKeeperPort,
        List<KafkaNode> kafka,
        List<ClickHouseNode> clickhouse,
        List<Integer> apiPorts,
        List<Integer> etlPorts) {

    /** How many of each: the issue's topology is {@link #FULL}. */
    public record Topology(int brokers, int shards, int replicas, int apis, int etls) {
        public static final Topology FULL = new Topology(3, 2, 2, 2, 2);
    }

    /**
     * Broker {@code kafka-<id>} and, on {@code controllerPort}, its controller partner {@link ControllerNode
     * controller-<id>} (the layout file keeps one line per pair).
     */
    public record KafkaNode(int id, int port, int controllerPort) {
        public String name() {
            return "kafka-" + id;
        }

        public ControllerNode controller() {
            return new ControllerNode(id, controllerPort);
        }
    }

    /**
     * A controller-only KRaft node: a voter of the metadata quorum, no partitions, no clients. Its {@code node.id} is
     * {@link #nodeId()}, apart from the brokers' 1..n (KRaft needs every node id unique).
     */
    public record ControllerNode(int index, int port) {
        public static final int NODE_ID_OFFSET = 100;

        public String name() {
            return "controller-" + index;
        }

        public int nodeId() {
            return NODE_ID_OFFSET + index;
        }
    }

    public record ClickHouseNode(int shard, int replica, int httpPort, int tcpPort, int interserverPort) {
        public String name() {
            return "clickhouse-s" + shard + "r" + replica;
        }
    }

    /**
     * Fixed, memorable ports from {@code base} (20000: Kafka 29091.., controllers 29191.., ClickHouse HTTP 28121..,
     * API 28081..).
     */
    public static ClusterLayout fixed(Path dir, Topology t, int base) {
        int[] chIndex = {0};
        return build(
                dir,
                t,
                base + 181,
                id -> new KafkaNode(id, base + 9090 + id, base + 9190 + id),
                (s, r) -> {
                    int n = ++chIndex[0];
                    return new ClickHouseNode(s, r, base + 8120 + n, base + 9000 + n, base + 9010 + n);
                },
                k -> base + 8080 + k,
                k -> base + 8090 + k);
    }

    /** Every port a free one, for tests that share the machine. */
    public static ClusterLayout freePorts(Path dir, Topology t) {
        IntSupplier free = ClusterLayout::freePort;
        return build(
                dir,
                t,
                free.getAsInt(),
                id -> new KafkaNode(id, free.getAsInt(), free.getAsInt()),
                (s, r) -> new ClickHouseNode(s, r, free.getAsInt(), free.getAsInt(), free.getAsInt()),
                k -> free.getAsInt(),
                k -> free.getAsInt());
    }

    private interface ChFactory {
        ClickHouseNode make(int shard, int replica);
    }

    private static ClusterLayout build(
            Path dir,
            Topology t,
            int zk,
            java.util.function.IntFunction<KafkaNode> kafka,
            ChFactory ch,
            java.util.function.IntUnaryOperator api,
            java.util.function.IntUnaryOperator etl) {
        List<KafkaNode> brokers = new ArrayList<>();
        for (int i = 1; i <= t.brokers(); i++) {
            brokers.add(kafka.apply(i));
        }
        List<ClickHouseNode> servers = new ArrayList<>();
        for (int s = 1; s <= t.shards(); s++) {
            for (int r = 1; r <= t.replicas(); r++) {
                servers.add(ch.make(s, r));
            }
        }
        List<Integer> apis = new ArrayList<>();
        List<Integer> etls = new ArrayList<>();
        for (int k = 1; k <= t.apis(); k++) {
            apis.add(api.applyAsInt(k));
        }
        for (int k = 1; k <= t.etls(); k++) {
            etls.add(etl.applyAsInt(k));
        }
        return new ClusterLayout(
                dir.toAbsolutePath(),
                t,
                org.apache.kafka.common.Uuid.randomUuid().toString(),
                zk,
                brokers,
                servers,
                apis,
                etls);
    }

    public String kafkaBootstrap() {
        return String.join(",", kafka.stream().map(k -> "127.0.0.1:" + k.port()).toList());
    }

    /** The replication of every topic, as {@link KafkaReplication} rules for this many brokers. */
    public KafkaReplication kafkaReplication() {
        return KafkaReplication.forBrokers(kafka.size());
    }

    /** The dedicated controllers, one per broker. */
    public List<ControllerNode> controllers() {
        return kafka.stream().map(KafkaNode::controller).toList();
    }

    /** controller.quorum.voters: every controller, as {@code host} names it. */
    public String kafkaVoters(java.util.function.Function<ControllerNode, String> host) {
        return String.join(
                ",",
                controllers().stream()
                        .map(c -> c.nodeId() + "@" + host.apply(c) + ":" + c.port())
                        .toList());
    }

    /** The controllers on loopback, for an admin client's {@code bootstrap.controllers}. */
    public String controllerBootstrap() {
        return String.join(
                ",", controllers().stream().map(c -> "127.0.0.1:" + c.port()).toList());
    }

    public Path nodeDir(String name) {
        return dir.resolve(name);
    }

    public static int freePort() {
        return Ports.free();
    }

    public void save() {
        Properties p = LayoutCodec.encode(this);
        try {
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(dir.resolve("layout.properties"))) {
                p.store(w, "local cluster layout (ports, ids); delete the directory to start over");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the cluster layout in " + dir, e);
        }
    }

    public static Optional<ClusterLayout> load(Path dir) {
        Path file = dir.resolve("layout.properties");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.of(LayoutCodec.decode(dir.toAbsolutePath(), p));
    }
}
