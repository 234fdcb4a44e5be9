package cinema.ugc.ops.cluster;

import cinema.ugc.kafka.BrokerConfig;
import cinema.ugc.kafka.KafkaProcess;
import cinema.ugc.kafka.Topics;
import cinema.ugc.ops.cluster.ClusterLayout.ClickHouseNode;
import cinema.ugc.ops.cluster.ClusterLayout.ControllerNode;
import cinema.ugc.ops.cluster.ClusterLayout.KafkaNode;
import cinema.ugc.ops.cluster.ClusterNode.Role;
import cinema.ugc.ops.servers.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What runs as each node of a layout — its command line, environment and readiness probe — in start order: ZooKeeper,
 * the KRaft controllers, the brokers, the ClickHouse servers, then the ETL and API instances (which of them start
 * together: {@link LocalCluster#INFRASTRUCTURE_WAVES}).
 */
final class ClusterNodes {
    private static final String LOOPBACK = "127.0.0.1";
    /**
     * A controller does little work, so it does without the optimising compiler (C1 only): its JVM starts on less CPU,
     * which the brokers and ClickHouse servers starting beside it need.
     */
    private static final List<String> CONTROLLER_JVM =
            List.of("-Xmx128m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final ClusterLayout layout;
    private final Map<String, ClusterNode> nodes = new LinkedHashMap<>();

    private ClusterNodes(ClusterLayout layout) {
        this.layout = layout;
    }

    /**
     * @param apps   starts API/ETL instances; null: infrastructure only
     * @param appEnv extra settings for every API/ETL instance
     */
    static Map<String, ClusterNode> of(ClusterLayout layout, AppLauncher apps, Map<String, String> appEnv) {
        ClusterNodes n = new ClusterNodes(layout);
        n.addZooKeeper();
        layout.controllers().forEach(n::addController);
        layout.kafka().forEach(n::addKafka);
        layout.clickhouse().forEach(n::addClickHouse);
        if (apps != null) {
            n.addApps(apps, appEnv);
        }
        return n.nodes;
    }

    private void addZooKeeper() {
        Path dir = layout.nodeDir("zookeeper");
        int port = layout.zooKeeperPort();
        add(
                "zookeeper",
                Role.ZOOKEEPER,
                java(
                        List.of("-Xmx128m", "-XX:+UseSerialGC"),
                        "org.apache.zookeeper.server.ZooKeeperServerMain",
                        dir.resolve("zoo.cfg").toString()),
                Map.of(),
                () -> Probes.zooKeeper(port),
                port);
    }

    /**
     * A controller holds only the metadata log, so a small heap will do. Ready once the quorum has a leader it can
     * name: a lone controller of a fresh cluster waits for a majority of its peers.
     */
    private void addController(ControllerNode c) {
        BrokerConfig config = ClusterConfigs.controller(
                layout, c, layout.nodeDir(c.name()).resolve("data"), layout.kafkaVoters(n -> LOOPBACK), null);
        add(
                c.name(),
                Role.CONTROLLER,
                new KafkaProcess(config, CONTROLLER_JVM).command(),
                Map.of(),
                () -> ControllerQuorum.describe(LOOPBACK + ":" + c.port(), Duration.ofSeconds(2))
                        .isPresent(),
                c.port());
    }

    private void addKafka(KafkaNode k) {
        BrokerConfig config = ClusterConfigs.broker(
                layout, k, layout.nodeDir(k.name()).resolve("data"), layout.kafkaVoters(n -> LOOPBACK), null);
        add(
                k.name(),
                Role.KAFKA,
                new KafkaProcess(config).command(),
                Map.of(),
                () -> Topics.reachable("127.0.0.1:" + k.port(), Duration.ofSeconds(3)),
                k.port());
    }

    private void addClickHouse(ClickHouseNode c) {
        Path binary = ServerProcess.requireBinary(
                "clickhouse-server", Path.of("/usr/bin/clickhouse-server"), Path.of("/usr/sbin/clickhouse-server"));
        add(
                c.name(),
                Role.CLICKHOUSE,
                List.of(
                        binary.toString(),
                        "--config-file=" + layout.nodeDir(c.name()).resolve("config.xml")),
                Map.of(),
                () -> Probes.http(c.httpPort(), "/ping"),
                c.httpPort());
    }

    private void addApps(AppLauncher apps, Map<String, String> appEnv) {
        for (int k = 1; k <= layout.etlPorts().size(); k++) {
            addApp(
                    "etl-" + k,
                    Role.ETL,
                    apps.command("etl"),
                    appEnv,
                    layout.etlPorts().get(k - 1),
                    k);
        }
        for (int k = 1; k <= layout.apiPorts().size(); k++) {
            addApp(
                    "api-" + k,
                    Role.API,
                    apps.command("api"),
                    appEnv,
                    layout.apiPorts().get(k - 1),
                    k);
        }
    }

    private void addApp(String name, Role role, List<String> command, Map<String, String> extra, int port, int k) {
        Map<String, String> env = new HashMap<>(AppEnvironment.local(layout, layout.nodeDir(name), k));
        env.put(role == Role.API ? "UGC_HTTP_PORT" : "UGC_ETL_HTTP_PORT", Integer.toString(port));
        if (role == Role.ETL) {
            env.putAll(AppEnvironment.etl(name));
        }
        env.putAll(extra);
        add(name, role, command, Map.copyOf(env), () -> Probes.http(port, "/health/ready"), port);
    }

    private void add(
            String name, Role role, List<String> command, Map<String, String> env, BooleanSupplier ready, int port) {
        nodes.put(
                name,
                new ClusterNode(name, role, new NodeProcess(name, layout.nodeDir(name)), command, env, ready, port));
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
}
