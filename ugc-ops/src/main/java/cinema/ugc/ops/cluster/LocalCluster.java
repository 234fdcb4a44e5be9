package cinema.ugc.ops.cluster;

import cinema.ugc.kafka.Topics;
import cinema.ugc.kafka.internal.StorageFormat;
import cinema.ugc.ops.cluster.ClusterLayout.ClickHouseNode;
import cinema.ugc.ops.cluster.ClusterLayout.ControllerNode;
import cinema.ugc.ops.cluster.ClusterNode.Role;
import cinema.ugc.ops.servers.ClickHouseHttp;
import cinema.ugc.ops.servers.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole topology on loopback: ZooKeeper, KRaft controllers and Kafka brokers (child JVMs, one role each),
 * ClickHouse servers (shards × replicas), API and ETL instances — each a real process with its directory under
 * {@link ClusterLayout#dir()}, stoppable, killable and restartable one by one. This class controls the processes; what
 * each node runs is {@link ClusterNodes}, its configuration files {@link LocalNodeConfigs}.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
    public static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    public static final String TOPIC = "ugc.events";
    public static final String DLQ_TOPIC = "ugc.events.dlq";
    public static final int PARTITIONS = 6;
    private static final Duration READY_POLL = Duration.ofMillis(300);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    /** How long a broker left without a controller quorum may still take before it is killed. */
    private static final Duration QUORUMLESS_GRACE = Duration.ofSeconds(5);

    private static final Duration QUORUM_TIMEOUT = Duration.ofSeconds(2);

    /**
     * The infrastructure's start waves, each launched together once the one before it serves. ClickHouse waits for
     * ZooKeeper: a 18.16 server that started while ZooKeeper refused connections keeps no session and crashes
     * (segmentation fault in {@code zkutil::ZooKeeper::createImpl}) on its first {@code ON CLUSTER} statement — the
     * cause of ClickHouseClusterIT's failures on a loaded machine. The brokers would wait for the controllers on their
     * own, but starting them beside the controllers costs nothing.
     */
    static final List<List<Role>> INFRASTRUCTURE_WAVES =
            List.of(List.of(Role.ZOOKEEPER), List.of(Role.CONTROLLER, Role.KAFKA, Role.CLICKHOUSE));

    private final ClusterLayout layout;
    private final boolean detached;
    private final Map<String, ClusterNode> nodes;

    /**
     * @param apps     starts API/ETL instances; null: infrastructure only
     * @param appEnv   extra settings for every API/ETL instance (e.g. UGC_JWT_SECRET)
     * @param detached nodes outlive this JVM ({@code ./ugc cluster up}); otherwise they die with it (tests)
     */
    public LocalCluster(ClusterLayout layout, AppLauncher apps, Map<String, String> appEnv, boolean detached) {
        this.layout = layout;
        this.detached = detached;
        this.nodes = ClusterNodes.of(layout, apps, appEnv);
    }

    public ClusterLayout layout() {
        return layout;
    }

    public ClusterNode node(String name) {
        ClusterNode n = nodes.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no node " + name + "; nodes: " + nodes.keySet());
        }
        return n;
    }

    public List<ClusterNode> nodes(Role role) {
        return nodes.values().stream().filter(n -> n.role() == role).toList();
    }

    /** Starts everything not yet running, in dependency order, and waits until each serves. */
    public void up() {
        requireDedicatedControllers();
        layout.save();
        LocalNodeConfigs.write(layout);
        INFRASTRUCTURE_WAVES.forEach(wave -> startAll(wave.toArray(Role[]::new)));
        ensureTopics();
        startAll(Role.ETL, Role.API);
    }

    /**
     * SIGTERM to every node, applications first (they flush and commit), then the brokers while the controllers can
     * still approve their controlled shutdown, the controllers, ZooKeeper last.
     */
    public void down() {
        List<ClusterNode> reverse = new ArrayList<>(nodes.values());
        Collections.reverse(reverse);
        for (Role role : List.of(Role.API, Role.ETL, Role.CLICKHOUSE, Role.KAFKA, Role.CONTROLLER, Role.ZOOKEEPER)) {
            List<ClusterNode> group =
                    reverse.stream().filter(n -> n.role() == role).toList();
            if (role == Role.KAFKA) {
                stopBrokers(group);
            } else {
                group.parallelStream().forEach(n -> n.process().stop(STOP_GRACE));
            }
        }
    }

    /**
     * SIGTERM to every broker at once. A broker's controlled shutdown waits for the active controller's approval —
     * which never comes when a majority of the controllers is down (killed, or stopped by hand), so the brokers would
     * wait out the whole grace. Those still running without a quorum get SIGKILL after a short grace instead: they
     * have not begun to close their logs (that comes after the approval), so the next start recovers their logs just
     * as it would after the full grace.
     */
    private void stopBrokers(List<ClusterNode> brokers) {
        brokers.forEach(n -> n.process().signalStop());
        List<ClusterNode> controllers = nodes(Role.CONTROLLER);
        int majority = controllers.size() / 2 + 1;
        Poll.until(
                () -> brokers.stream().noneMatch(ClusterNode::alive)
                        || controllers.stream().filter(ClusterNode::alive).count() < majority,
                STOP_GRACE,
                READY_POLL);
        Poll.until(() -> brokers.stream().noneMatch(ClusterNode::alive), QUORUMLESS_GRACE, READY_POLL);
        brokers.stream().filter(ClusterNode::alive).forEach(n -> {
            LOG.info("{} cannot finish its controlled shutdown without a controller quorum: kill -9", n.name());
            n.process().kill();
        });
    }

    @Override
    public void close() {
        down();
    }

    public List<NodeStatus> status() {
        Optional<String> active = activeController();
        return nodes.values().stream()
                .map(n -> new NodeStatus(
                        n.name(),
                        n.role(),
                        n.process().pid(),
                        n.alive(),
                        n.isReady(),
                        n.port(),
                        active.filter(n.name()::equals).isPresent()))
                .toList();
    }

    /** The node the controllers name as the active one; empty when no controller answers with a leader. */
    public Optional<String> activeController() {
        return controllerQuorum()
                .flatMap(q -> layout.controllers().stream()
                        .filter(c -> c.nodeId() == q.leaderId())
                        .map(ControllerNode::name)
                        .findFirst());
    }

    /** The metadata quorum as the controllers describe it (leader and voters by node id). */
    public Optional<ControllerQuorum> controllerQuorum() {
        if (nodes(Role.CONTROLLER).stream().noneMatch(ClusterNode::alive)) {
            return Optional.empty();
        }
        return ControllerQuorum.describe(layout.controllerBootstrap(), QUORUM_TIMEOUT);
    }

    /** SIGKILL one node. */
    public void kill(String name) {
        LOG.info("kill -9 {}", name);
        node(name).process().kill();
    }

    /** Starts one node (again) and waits until it serves. */
    public void start(String name) {
        ClusterNode n = node(name);
        requireDedicatedControllers();
        if (n.role() == Role.CLICKHOUSE && !n.alive() && !node("zookeeper").isReady()) {
            throw new IllegalStateException(
                    name + " not started: ZooKeeper is not serving. Start it first (`cluster start"
                            + " zookeeper`) — a ClickHouse 18.16 server started without it crashes on its first ON CLUSTER"
                            + " statement.");
        }
        launch(n);
        await(n, START_TIMEOUT);
    }

    /**
     * Waits until every ClickHouse replica has fetched what its shard's other replicas took in. Replication is
     * asynchronous (insert_quorum is off), so without this a read through the Distributed table may pick a replica
     * that is still catching up and count fewer rows than were acknowledged.
     */
    public void syncReplicas(String table) {
        for (ClickHouseNode c : layout.clickhouse()) {
            ClickHouseHttp.loopback(c.httpPort()).execute("SYSTEM SYNC REPLICA " + table, START_TIMEOUT);
        }
    }

    /** Waits until {@code n} serves; fails with its last output when it exits or is not ready within the timeout. */
    public void await(ClusterNode n, Duration timeout) {
        long start = System.nanoTime();
        boolean ready = Poll.until(() -> !n.alive() || n.isReady(), timeout, READY_POLL);
        if (!n.alive()) {
            throw new IllegalStateException(
                    n.name() + " exited; last output:\n" + n.process().tail(30));
        }
        if (!ready) {
            throw new IllegalStateException(n.name() + " not ready within " + timeout + "; last output:\n"
                    + n.process().tail(30));
        }
        LOG.info("{} ready (waited {} ms)", n.name(), (System.nanoTime() - start) / 1_000_000);
    }

    /** What API/ETL instance {@code instance} (1-based) of this cluster is told, with its data under {@code dir}. */
    public Map<String, String> appEnvironment(Path dir, int instance) {
        return AppEnvironment.local(layout, dir, instance);
    }

    private void startAll(Role... roles) {
        List<ClusterNode> group = nodes.values().stream()
                .filter(n -> List.of(roles).contains(n.role()))
                .toList();
        group.forEach(this::launch);
        for (Role role : roles) {
            group.stream().filter(n -> n.role() == role).forEach(n -> await(n, START_TIMEOUT));
        }
    }

    private void launch(ClusterNode n) {
        if (!n.alive()) {
            LOG.info("starting {}", n.name());
            n.process().start(n.command(), n.env(), detached);
        }
    }

    /**
     * A directory where the brokers last ran as combined broker+controller nodes (before the controllers had nodes of
     * their own) cannot be taken over: its metadata log belongs to a quorum of the brokers, and new controllers would
     * start an empty one — the brokers would then drop partitions the new metadata does not know.
     */
    private void requireDedicatedControllers() {
        for (ClusterLayout.KafkaNode k : layout.kafka()) {
            Path props = layout.nodeDir(k.name()).resolve("data/server.properties");
            if (Files.isRegularFile(props)
                    && !"broker".equals(StorageFormat.load(props).getProperty("process.roles"))) {
                throw new IllegalStateException(k.name() + " in " + layout.dir()
                        + " was last run as a combined broker+controller node, by a version without dedicated"
                        + " controllers; its metadata cannot move to the new controller nodes. Stop it (`cluster down`),"
                        + " delete " + layout.dir() + " and run `cluster up` again.");
            }
        }
    }

    private void ensureTopics() {
        KafkaReplication replication = layout.kafkaReplication();
        for (String topic : List.of(TOPIC, DLQ_TOPIC)) {
            Topics.ensure(
                    layout.kafkaBootstrap(),
                    topic,
                    PARTITIONS,
                    replication.factor(),
                    replication.minInsync(),
                    Duration.ofSeconds(60));
        }
    }
}
