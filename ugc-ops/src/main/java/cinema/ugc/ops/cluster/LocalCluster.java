package cinema.ugc.ops.cluster;

import cinema.ugc.kafka.Topics;
import cinema.ugc.ops.cluster.ClusterLayout.ClickHouseNode;
import cinema.ugc.ops.cluster.ClusterNode.Role;
import cinema.ugc.ops.servers.ClickHouseHttp;
import cinema.ugc.ops.servers.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole topology on loopback: ZooKeeper, Kafka brokers (child JVMs, KRaft quorum of all brokers), ClickHouse
 * servers (shards × replicas), API and ETL instances — each a real process with its directory under
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
        layout.save();
        LocalNodeConfigs.write(layout);
        startAll(Role.ZOOKEEPER, Role.KAFKA, Role.CLICKHOUSE);
        ensureTopics();
        startAll(Role.ETL, Role.API);
    }

    /** SIGTERM to every node, applications first (they flush and commit), ZooKeeper last. */
    public void down() {
        List<ClusterNode> reverse = new ArrayList<>(nodes.values());
        Collections.reverse(reverse);
        for (Role role : List.of(Role.API, Role.ETL, Role.CLICKHOUSE, Role.KAFKA, Role.ZOOKEEPER)) {
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
     * SIGTERM to every broker at once. The brokers are the KRaft quorum too, and a broker's controlled shutdown waits
     * for the active controller's approval — which never comes once a majority of them has exited, so the last ones
     * would wait out the whole grace. Those still running when the quorum is gone get SIGKILL after a short grace
     * instead: they have not begun to close their logs (that comes after the approval), so the next start recovers
     * their logs just as it would after the full grace.
     */
    private void stopBrokers(List<ClusterNode> brokers) {
        brokers.forEach(n -> n.process().signalStop());
        int majority = layout.kafka().size() / 2 + 1;
        Poll.until(
                () -> brokers.stream().noneMatch(ClusterNode::alive)
                        || brokers.stream().filter(ClusterNode::alive).count() < majority,
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
        return nodes.values().stream()
                .map(n -> new NodeStatus(n.name(), n.role(), n.process().pid(), n.alive(), n.isReady(), n.port()))
                .toList();
    }

    /** SIGKILL one node. */
    public void kill(String name) {
        LOG.info("kill -9 {}", name);
        node(name).process().kill();
    }

    /** Starts one node (again) and waits until it serves. */
    public void start(String name) {
        ClusterNode n = node(name);
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
