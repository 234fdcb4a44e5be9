package cinema.ugc.app.cluster;

import cinema.ugc.app.cli.ClusterCommand;
import cinema.ugc.load.LoadOptions;
import cinema.ugc.load.LoadReport;
import cinema.ugc.load.LoadRunner;
import cinema.ugc.ops.cluster.ClusterLayout;
import cinema.ugc.ops.cluster.LocalCluster;
import cinema.ugc.ops.cluster.NodeProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Scale numbers of the local cluster for docs/benchmarks.md ("Cluster"): ingest throughput through 1 and 2 API
 * instances, and ETL drain throughput with 1 and 2 ETL instances (a fresh consumer group reading the same backlog).
 * Not a test (no assertions on speed); run it by hand:
 * <pre>mvn -pl ugc-app -am test-compile -q && java -cp "$(cat ugc-app/target/test-classpath.txt)" ...</pre>
 * (see docs/benchmarks.md for the exact command).
 */
public final class ClusterScaleBench {
    static final String SECRET = "cluster-scale-bench-secret-0123456789-abcdef";

    /**
     * @param args events per load run (default 60000, split over the APIs); the directory of a running {@code ./ugc cluster up}
     *             (default data/cluster), started with UGC_JWT_SECRET set to {@link #SECRET}
     */
    public static void main(String[] args) throws Exception {
        long events = Long.parseLong(args.length > 0 ? args[0] : "60000");
        Path clusterDir = Path.of(args.length > 1 ? args[1] : "data/cluster");
        ClusterLayout layout = ClusterLayout.load(clusterDir)
                .orElseThrow(() -> new IllegalStateException("no cluster in " + clusterDir + "; ./ugc cluster up"));
        LocalCluster cluster = new LocalCluster(layout, ClusterCommand.launcher(), Map.of(), true);
        Path dir = Files.createTempDirectory(clusterDir.toAbsolutePath(), "bench-");
        // the cluster's ETLs keep up with ingest; the ETL measurement below drains the backlog with fresh groups
        double one = load(layout.apiPorts().subList(0, 1), events, dir);
        double two = load(layout.apiPorts(), events, dir);
        System.out.printf("API  1 instance : %.0f events/s accepted%n", one);
        System.out.printf("API  2 instances: %.0f events/s accepted%n", two);
        ClusterChecks checks = new ClusterChecks(cluster);
        System.out.printf("ETL  1 instance : %.0f events/s drained%n", drain(cluster, checks, 1, dir));
        System.out.printf("ETL  2 instances: %.0f events/s drained%n", drain(cluster, checks, 2, dir));
        System.out.printf(
                "load average: %.1f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
    }

    private static double load(List<Integer> ports, long events, Path dir) throws Exception {
        List<CompletableFuture<LoadReport>> runs = new ArrayList<>();
        for (int k = 0; k < ports.size(); k++) {
            LoadOptions o = LoadOptions.events(
                            URI.create("http://127.0.0.1:" + ports.get(k)), events / ports.size(), SECRET)
                    .withBatching(100, 32 / ports.size())
                    .withLag(0, Duration.ofSeconds(10));
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return new LoadRunner(o).run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        double total = 0;
        for (CompletableFuture<LoadReport> r : runs) {
            LoadReport report = r.get();
            System.out.println(report.toText());
            total += report.eventsAccepted() / report.elapsedSeconds();
        }
        return total;
    }

    /** Starts {@code instances} ETL processes in a new group; events/s from their first commit until lag 0. */
    private static double drain(LocalCluster cluster, ClusterChecks checks, int instances, Path dir) throws Exception {
        String group = "bench-" + instances + "-" + System.nanoTime();
        List<NodeProcess> etls = new ArrayList<>();
        for (int k = 1; k <= instances; k++) {
            Path home = dir.resolve(group + "-" + k);
            Map<String, String> env = new HashMap<>(cluster.appEnvironment(home, k));
            env.put("UGC_ETL_GROUP", group);
            env.put("UGC_ETL_HTTP_PORT", Integer.toString(ClusterLayout.freePort()));
            NodeProcess p = new NodeProcess(group + "-" + k, home);
            p.start(ClusterCommand.launcher().command("etl"), env, false);
            etls.add(p);
        }
        try {
            long total = checks.lag(group);
            long startLag = total;
            long t0 = 0;
            while (true) {
                long lag = checks.lag(group);
                if (t0 == 0 && lag < total) {
                    t0 = System.nanoTime();
                    startLag = lag;
                }
                if (lag == 0) {
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(
                            "drained %d events (%d after the first commit) in %.1f s%n", total, startLag, seconds);
                    return startLag / seconds;
                }
                Thread.sleep(200);
            }
        } finally {
            etls.forEach(p -> p.stop(Duration.ofSeconds(30)));
        }
    }
}
