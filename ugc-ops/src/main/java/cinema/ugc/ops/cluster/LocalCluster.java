package cinema.ugc.ops.cluster;

import cinema.ugc.kafka.BrokerConfig;
import cinema.ugc.kafka.KafkaProcess;
import cinema.ugc.kafka.Topics;
import cinema.ugc.ops.cluster.ClusterLayout.ClickHouseNode;
import cinema.ugc.ops.cluster.ClusterLayout.KafkaNode;
import cinema.ugc.ops.cluster.ClusterNode.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole topology on loopback: ZooKeeper, Kafka brokers (child JVMs, KRaft quorum of all brokers), ClickHouse
 * servers (shards × replicas), API and ETL instances — each a real process with its directory under
 * {@link ClusterLayout#dir()}, stoppable, killable and restartable one by one.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
    public static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    public static final String TOPIC = "ugc.events";
    public static final String DLQ_TOPIC = "ugc.events.dlq";
    public static final int PARTITIONS = 6;
    private static final HttpClient SQL = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final ClusterLayout layout;
    private final boolean detached;
    private final Map<String, ClusterNode> nodes = new LinkedHashMap<>();

    /**
     * @param apps     starts API/ETL instances; null: infrastructure only
     * @param appEnv   extra settings for every API/ETL instance (e.g. UGC_JWT_SECRET)
     * @param detached nodes outlive this JVM ({@code ./ugc cluster up}); otherwise they die with it (tests)
     */
    public LocalCluster(ClusterLayout layout, AppLauncher apps, Map<String, String> appEnv, boolean detached) {
        this.layout = layout;
        this.detached = detached;
        addZooKeeper();
        layout.kafka().forEach(this::addKafka);
        layout.clickhouse().forEach(this::addClickHouse);
        if (apps != null) {
            addApps(apps, appEnv);
        }
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
        writeConfigs();
        startAll(Role.ZOOKEEPER, Role.KAFKA, Role.CLICKHOUSE);
        ensureTopics();
        startAll(Role.ETL, Role.API);
    }

    /** SIGTERM to every node, applications first (they flush and commit), ZooKeeper last. */
    public void down() {
        List<ClusterNode> reverse = new ArrayList<>(nodes.values());
        java.util.Collections.reverse(reverse);
        for (Role role : List.of(Role.API, Role.ETL, Role.CLICKHOUSE, Role.KAFKA, Role.ZOOKEEPER)) {
            reverse.stream().filter(n -> n.role() == role).parallel()
                    .forEach(n -> n.process().stop(Duration.ofSeconds(60)));
        }
    }

    @Override
    public void close() {
        down();
    }

    public List<NodeStatus> status() {
        return nodes.values().stream().map(n -> new NodeStatus(n.name(), n.role(), n.process().pid(), n.alive(),
                n.isReady(), n.port())).toList();
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
            String statement = "SYSTEM SYNC REPLICA " + table;
            try {
                HttpResponse<String> r = SQL.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.httpPort()
                        + "/")).timeout(START_TIMEOUT).POST(HttpRequest.BodyPublishers.ofString(statement)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(c.name() + " refused " + statement + ": " + r.body());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(c.name() + " unreachable for " + statement, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public void await(ClusterNode n, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!n.isReady()) {
            if (!n.alive()) {
                throw new IllegalStateException(n.name() + " exited; last output:\n" + n.process().tail(30));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(n.name() + " not ready within " + timeout + "; last output:\n"
                        + n.process().tail(30));
            }
            pause();
        }
        LOG.info("{} ready (waited {} ms)", n.name(), (System.nanoTime() - start) / 1_000_000);
    }

    private void startAll(Role... roles) {
        List<ClusterNode> group = nodes.values().stream().filter(n -> List.of(roles).contains(n.role())).toList();
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
        int rf = Math.min(3, layout.kafka().size());
        int isr = Math.min(2, rf);
        for (String topic : List.of(TOPIC, DLQ_TOPIC)) {
            Topics.ensure(layout.kafkaBootstrap(), topic, PARTITIONS, rf, isr, Duration.ofSeconds(60));
        }
    }

    private void addZooKeeper() {
        Path dir = layout.nodeDir("zookeeper");
        int port = layout.zooKeeperPort();
        add(new ClusterNode("zookeeper", Role.ZOOKEEPER, new NodeProcess("zookeeper", dir),
                java(List.of("-Xmx128m", "-XX:+UseSerialGC"), "org.apache.zookeeper.server.ZooKeeperServerMain",
                        dir.resolve("zoo.cfg").toString()), Map.of(), () -> Probes.zooKeeper(port), port));
    }

    private void addKafka(KafkaNode k) {
        Path dir = layout.nodeDir(k.name());
        int rf = Math.min(3, layout.kafka().size());
        BrokerConfig config = new BrokerConfig(k.id(), dir.resolve("data"), k.port(), k.controllerPort(),
                layout.kafkaVoters(), layout.kafkaClusterId(), rf, Math.min(2, rf), null);
        List<String> command = new KafkaProcess(config).command();
        add(new ClusterNode(k.name(), Role.KAFKA, new NodeProcess(k.name(), dir), command, Map.of(),
                () -> Topics.reachable("127.0.0.1:" + k.port(), Duration.ofSeconds(3)), k.port()));
    }

    private void addClickHouse(ClickHouseNode c) {
        Path dir = layout.nodeDir(c.name());
        List<String> command = List.of(clickHouseBinary(), "--config-file=" + dir.resolve("config.xml"));
        add(new ClusterNode(c.name(), Role.CLICKHOUSE, new NodeProcess(c.name(), dir), command, Map.of(),
                () -> Probes.http(c.httpPort(), "/ping"), c.httpPort()));
    }

    private void addApps(AppLauncher apps, Map<String, String> appEnv) {
        for (int k = 1; k <= layout.etlPorts().size(); k++) {
            addApp("etl-" + k, Role.ETL, apps.command("etl"), appEnv, layout.etlPorts().get(k - 1), k);
        }
        for (int k = 1; k <= layout.apiPorts().size(); k++) {
            addApp("api-" + k, Role.API, apps.command("api"), appEnv, layout.apiPorts().get(k - 1), k);
        }
    }

    private void addApp(String name, Role role, List<String> command, Map<String, String> extra, int port, int k) {
        Path dir = layout.nodeDir(name);
        Map<String, String> env = new HashMap<>(appEnvironment(dir, k));
        env.put(role == Role.API ? "UGC_HTTP_PORT" : "UGC_ETL_HTTP_PORT", Integer.toString(port));
        if (role == Role.ETL) {
            env.put("UGC_ETL_INSTANCE_ID", name); // static membership: a restarted ETL takes its partitions back at once
        }
        env.putAll(extra);
        add(new ClusterNode(name, role, new NodeProcess(name, dir), command, Map.copyOf(env),
                () -> Probes.http(port, "/health/ready"), port));
    }

    /** What every API/ETL instance is told: the brokers, RF 3 / min ISR 2, ClickHouse cluster mode. */
    public Map<String, String> appEnvironment(Path dir, int instance) {
        return appEnvironment(layout, instance, n -> "127.0.0.1", layout.kafkaBootstrap(), dir.toString());
    }

    /**
     * The settings of API/ETL instance {@code instance} (1-based); shared with the Docker files.
     * Instance k talks to a replica of shard k (round robin), so the entry points are spread over the servers.
     */
    public static Map<String, String> appEnvironment(ClusterLayout layout, int instance,
                                                     java.util.function.Function<ClickHouseNode, String> host,
                                                     String kafkaBootstrap, String dataDir) {
        int rf = Math.min(3, layout.kafka().size());
        ClickHouseNode entry = layout.clickhouse().get(((instance - 1) * layout.topology().replicas())
                % layout.clickhouse().size());
        Map<String, String> env = new java.util.TreeMap<>();
        env.put("UGC_DATA_DIR", dataDir);
        env.put("UGC_KAFKA_BOOTSTRAP", kafkaBootstrap);
        env.put("UGC_KAFKA_REPLICATION", Integer.toString(rf));
        env.put("UGC_KAFKA_MIN_INSYNC", Integer.toString(Math.min(2, rf)));
        env.put("UGC_KAFKA_PARTITIONS", Integer.toString(PARTITIONS));
        env.put("UGC_STORE", "clickhouse");
        env.put("UGC_CLICKHOUSE_URL", "http://" + host.apply(entry) + ":" + entry.httpPort());
        env.put("UGC_CLICKHOUSE_CLUSTER", ClusterConfigs.CLICKHOUSE_CLUSTER);
        return env;
    }

    private void writeConfigs() {
        Path zk = layout.nodeDir("zookeeper");
        write(zk.resolve("zoo.cfg"), ClusterConfigs.zooCfg(zk.resolve("data").toString(), layout.zooKeeperPort(),
                "127.0.0.1"));
        layout.clickhouse().forEach(this::writeClickHouseConfig);
    }

    private void writeClickHouseConfig(ClickHouseNode c) {
        Path dir = layout.nodeDir(c.name());
        Path system = Path.of("/etc/clickhouse-server");
        try {
            Files.createDirectories(dir.resolve("config.d"));
            Files.createDirectories(dir.resolve("log"));
            Files.copy(system.resolve("config.xml"), dir.resolve("config.xml"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(system.resolve("users.xml"), dir.resolve("users.xml"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + " (is clickhouse-server installed?)", e);
        }
        write(dir.resolve("config.d/ugc-node.xml"), ClusterConfigs.clickHouseNode(c, "127.0.0.1",
                dir.resolve("data").toString(), dir.resolve("log").toString()));
        write(dir.resolve("config.d/ugc-cluster.xml"), ClusterConfigs.clickHouseCluster(layout, c,
                n -> "127.0.0.1", "127.0.0.1", layout.zooKeeperPort()));
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static List<String> java(List<String> options, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(options);
        cmd.add("-cp");
        cmd.add(KafkaProcess.absoluteClassPath());
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String clickHouseBinary() {
        for (String p : List.of("/usr/bin/clickhouse-server", "/usr/sbin/clickhouse-server")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        throw new IllegalStateException("clickhouse-server is not installed; run scripts/install-test-deps.sh");
    }

    private void add(ClusterNode n) {
        nodes.put(n.name(), n);
    }

    private static void pause() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
