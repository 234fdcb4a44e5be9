package cinema.ugc.app.cli;

import cinema.ugc.model.config.Env;
import cinema.ugc.ops.cluster.AppEnvironment;
import cinema.ugc.ops.cluster.AppLauncher;
import cinema.ugc.ops.cluster.ClusterLayout;
import cinema.ugc.ops.cluster.ClusterLayout.Topology;
import cinema.ugc.ops.cluster.LocalCluster;
import cinema.ugc.ops.cluster.NodeStatus;
import cinema.ugc.web.JwtSettings;
import cinema.ugc.web.LocalSecret;
import cinema.ugc.web.WebSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./ugc cluster up|down|status|kill|start}: the scaled-out topology on this machine's loopback — ZooKeeper,
 * 3 KRaft controllers, 3 Kafka brokers (RF 3, min ISR 2), ClickHouse 2 shards × 2 replicas, 2 ETL and 2 API instances
 * — each a real process under {@code data/cluster/}, left running after {@code up} returns.
 */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the scaled-out topology on loopback ports: ZooKeeper, 3 KRaft controllers, 3 Kafka brokers, "
                    + "ClickHouse 2 shards x 2 replicas, 2 ETL and 2 API instances (state under data/cluster/).",
            "Ports (base 20000): API 28081-28082, ETL 28091-28092, Kafka 29091-29093, controllers 29191-29193, "
                    + "ClickHouse HTTP 28121-28124, ZooKeeper 20181."
        })
public final class ClusterCommand implements Callable<Integer> {
    /** Heap of each API/ETL JVM: eight JVMs and four ClickHouse servers share one small machine. */
    static final List<String> APP_JVM = List.of("-Xmx384m", "-XX:+UseSerialGC");

    @Option(names = "--dir", defaultValue = "data/cluster", description = "State directory (default ${DEFAULT-VALUE}).")
    Path dir;

    @Override
    public Integer call() {
        System.err.println("usage: ugc cluster up|down|status|kill NODE|start NODE (see --help)");
        return 2;
    }

    @Command(name = "up", description = "Starts every node not running yet and waits until all serve.")
    int up(
            @Option(names = "--base-port", defaultValue = "20000", description = "Ports derive from it.") int base,
            @Option(names = "--apis", defaultValue = "2", description = "API instances.") int apis,
            @Option(names = "--etls", defaultValue = "2", description = "ETL instances.") int etls) {
        Optional<ClusterLayout> existing = ClusterLayout.load(dir);
        ClusterLayout layout =
                existing.orElseGet(() -> ClusterLayout.fixed(dir, new Topology(3, 2, 2, apis, etls), base));
        LocalCluster cluster = cluster(layout);
        try {
            cluster.up();
        } catch (IllegalStateException e) {
            failed(e);
            // up starts what is not running yet, so the nodes that did start are left as they are
            System.err.println("The nodes that started are still running: ./ugc cluster up again starts the rest, "
                    + "./ugc cluster down stops them.");
            return 1;
        }
        printStatus(cluster);
        System.out.println("\nAPI: "
                + String.join(
                        ", ",
                        layout.apiPorts().stream()
                                .map(p -> "http://127.0.0.1:" + p)
                                .toList()) + "   Kafka: " + layout.kafkaBootstrap()
                + "\nStop with: ./ugc cluster down");
        return 0;
    }

    @Command(
            name = "down",
            description = "Stops every node (SIGTERM; applications first, then brokers, controllers, ZooKeeper last).")
    int down() {
        return withCluster(c -> {
            c.down();
            printStatus(c);
            return 0;
        });
    }

    @Command(
            name = "status",
            description =
                    "Shows each node's pid and health and the active controller; exit code 3 unless all are ready.")
    int status() {
        return withCluster(c -> printStatus(c) ? 0 : 3);
    }

    @Command(
            name = "kill",
            description = "SIGKILLs one node (a crash drill), e.g. kafka-2, controller-1, clickhouse-s1r1, etl-1.")
    int kill(@Parameters(paramLabel = "NODE") String node) {
        return withCluster(c -> {
            c.kill(node);
            return 0;
        });
    }

    @Command(name = "start", description = "Starts one node again and waits until it serves.")
    int start(@Parameters(paramLabel = "NODE") String node) {
        return withCluster(c -> {
            c.start(node);
            return 0;
        });
    }

    private int withCluster(java.util.function.Function<LocalCluster, Integer> action) {
        Optional<ClusterLayout> layout = ClusterLayout.load(dir);
        if (layout.isEmpty()) {
            System.err.println("ugc cluster: no cluster in " + dir + " (start one with: ./ugc cluster up)");
            return 2;
        }
        try {
            return action.apply(cluster(layout.get()));
        } catch (IllegalStateException e) {
            return failed(e);
        }
    }

    /** A node that would not start, or a directory this version cannot take over: the reason, not a stack trace. */
    private static int failed(IllegalStateException e) {
        System.err.println("ugc cluster: " + e.getMessage());
        return 1;
    }

    private static LocalCluster cluster(ClusterLayout layout) {
        return new LocalCluster(layout, launcher(), appEnv(Env.system(), layout.dir()), true);
    }

    /**
     * With no JWT secret or key given to {@code up}, every API/ETL instance gets the cluster's one generated secret
     * ({@code <dir>/jwt-secret}, so a token works on every API) and listens on loopback unless UGC_HTTP_HOST is set.
     * The instances inherit the rest of the caller's environment, except what the cluster sets itself; of that, the
     * caller's UGC_ETL_CONSUMERS still wins over the cluster's one thread per instance ({@link AppEnvironment#etl}).
     */
    static Map<String, String> appEnv(Env env, Path dir) {
        Map<String, String> extra = new HashMap<>();
        env.raw(AppEnvironment.ETL_CONSUMERS).ifPresent(n -> extra.put(AppEnvironment.ETL_CONSUMERS, n));
        if (env.raw(JwtSettings.SECRET.key()).isPresent()
                || env.raw(JwtSettings.PUBLIC_KEY.key()).isPresent()) {
            return extra;
        }
        extra.put(JwtSettings.SECRET.key(), LocalSecret.loadOrCreate(dir.resolve(LocalSecret.FILE_NAME)));
        extra.put(WebSettings.HOST.key(), env.raw(WebSettings.HOST.key()).orElse("127.0.0.1"));
        return extra;
    }

    /** API and ETL instances run this very class path: {@code ugc api} and {@code ugc etl}. */
    public static AppLauncher launcher() {
        return role -> {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(APP_JVM);
            cmd.add("-cp");
            cmd.add(cinema.ugc.kafka.KafkaProcess.absoluteClassPath()); // nodes run in their own directories
            cmd.addAll(List.of("cinema.ugc.app.Main", role.equals("api") ? "api" : "etl"));
            return cmd;
        };
    }

    private static boolean printStatus(LocalCluster cluster) {
        List<NodeStatus> status = cluster.status();
        status.forEach(s -> System.out.println(s.describe()));
        return status.stream().allMatch(NodeStatus::ready);
    }
}
