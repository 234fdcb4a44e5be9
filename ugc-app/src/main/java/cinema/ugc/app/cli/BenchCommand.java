package cinema.ugc.app.cli;

import cinema.ugc.research.BenchConfig;
import cinema.ugc.research.BenchResults;
import cinema.ugc.research.Report;
import cinema.ugc.research.StorageBenchmark;
import cinema.ugc.research.StoreTarget;
import cinema.ugc.research.StoreTargets;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ugc bench ...}: benchmarks. A parent command: each benchmark is a subcommand ({@code storage}, ...). */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks; see the subcommands.",
        subcommands = {BenchCommand.Storage.class})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    /** {@code ugc bench storage}: the storage research (ClickHouse vs PostgreSQL vs DuckDB, cross-checked, charts). */
    @Command(
            name = "storage",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Loads the same synthetic events into ClickHouse, PostgreSQL and DuckDB through the product's "
                        + "EventStore classes, times loads and queries (answers cross-checked equal across stores), and "
                        + "writes storage-comparison.md, PNG charts, results.json and results.csv.",
                "Without --clickhouse-url / --postgres-url it starts private servers from the Debian binaries."
            })
    public static final class Storage implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--rows",
                defaultValue = "10000000",
                description = "Rows of the full data set (default ${DEFAULT-VALUE}).")
        long rows;

        @Option(names = "--seed", defaultValue = "42", description = "Data set seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(
                names = "--stores",
                split = ",",
                defaultValue = "clickhouse,postgres,duckdb",
                description = "Stores to compare, in report order (default ${DEFAULT-VALUE}).")
        List<String> stores;

        @Option(
                names = "--repeats",
                defaultValue = "5",
                description = "Timed repeats of each query (default ${DEFAULT-VALUE}).")
        int repeats;

        @Option(
                names = "--load-repeats",
                defaultValue = "3",
                description = "Repeats of each load measurement, each into an empty store (default ${DEFAULT-VALUE}).")
        int loadRepeats;

        @Option(
                names = "--batch-sizes",
                split = ",",
                defaultValue = "1,100,1000,10000,100000",
                description = "Batch sizes of the load measurements (default ${DEFAULT-VALUE}).")
        List<Integer> batchSizes;

        @Option(
                names = "--single-row-prefix",
                defaultValue = "200",
                description = "Rows loaded at batch size 1 (default ${DEFAULT-VALUE}: one round trip per row).")
        long singleRowPrefix;

        @Option(
                names = "--batches-per-load",
                defaultValue = "50",
                description = "Batches per load measurement at batch sizes above 1 (default ${DEFAULT-VALUE}) ...")
        int batchesPerLoad;

        @Option(
                names = "--max-load-rows",
                defaultValue = "500000",
                description =
                        "... but at most this many rows per load, and never more than --rows (default ${DEFAULT-VALUE}).")
        long maxLoadRows;

        @Option(
                names = "--full-batch",
                defaultValue = "100000",
                description = "Batch size of the full-size load (default ${DEFAULT-VALUE}).")
        int fullBatch;

        @Option(
                names = "--writer-rate",
                defaultValue = "2000",
                description = "Rows/s of the concurrent writer during the under-load reads (default ${DEFAULT-VALUE}).")
        int writerRate;

        @Option(
                names = "--writer-batch",
                defaultValue = "1000",
                description = "Batch size of the concurrent writer (default ${DEFAULT-VALUE}).")
        int writerBatch;

        @Option(names = "--clickhouse-url", description = "ClickHouse HTTP URL (default: start a private server).")
        URI clickhouseUrl;

        @Option(names = "--clickhouse-user", defaultValue = "default")
        String clickhouseUser;

        @Option(names = "--clickhouse-password", defaultValue = "", description = "Masked in the report.")
        String clickhousePassword;

        @Option(
                names = "--postgres-url",
                description = "PostgreSQL JDBC URL of an admin database (default: start a throw-away cluster).")
        String postgresUrl;

        @Option(names = "--postgres-user", defaultValue = "postgres")
        String postgresUser;

        @Option(names = "--postgres-password", defaultValue = "", description = "Masked in the report.")
        String postgresPassword;

        @Option(
                names = "--vertica-url",
                description = "Vertica JDBC URL; recorded as not measured (no Vertica EventStore exists yet).")
        String verticaUrl;

        @Option(
                names = "--out",
                defaultValue = "docs/research",
                description = "Output directory (default ${DEFAULT-VALUE}).")
        Path out;

        @Option(
                names = "--work-dir",
                description = "Where private servers and DuckDB files live (default: a temp dir, deleted after).")
        Path workDir;

        @Option(names = "--no-progress", negatable = false, description = "No progress bars.")
        boolean noProgress;

        @Option(
                names = "--render-only",
                description = "Measure nothing: redraw the report and charts in --out from this results.json.")
        Path renderOnly;

        @Override
        public Integer call() throws IOException {
            if (renderOnly != null) {
                Report.rerender(renderOnly, out);
                return 0;
            }
            if (verticaUrl != null) {
                System.err.println("bench storage: Vertica is not measured: the product has no Vertica EventStore yet; "
                        + "the report says so.");
            }
            Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("ugc-bench-");
            var endpoints = new StoreTargets.Endpoints(
                    clickhouseUrl,
                    clickhouseUser,
                    clickhousePassword,
                    postgresUrl,
                    postgresUser,
                    postgresPassword,
                    work);
            Map<String, StoreTarget> targets = StoreTargets.open(stores, endpoints);
            try {
                BenchResults results = new StorageBenchmark(config(), targets).run();
                Report.write(results, out);
                System.out.println("bench storage: report written to " + out.resolve(Report.MARKDOWN));
                return 0;
            } finally {
                targets.values().forEach(StoreTarget::close);
                if (workDir == null) {
                    deleteTree(work);
                }
            }
        }

        private BenchConfig config() {
            return new BenchConfig(
                    rows,
                    seed,
                    stores,
                    repeats,
                    loadRepeats,
                    batchSizes,
                    singleRowPrefix,
                    batchesPerLoad,
                    maxLoadRows,
                    fullBatch,
                    writerRate,
                    writerBatch,
                    out,
                    commandLine(),
                    verticaUrl,
                    !noProgress);
        }

        /** The command as typed, passwords masked, for the report. */
        private String commandLine() {
            List<String> args = new ArrayList<>(List.of("./ugc", "bench", "storage"));
            List<String> original =
                    new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
            if (original.size() >= 2
                    && original.get(0).equals("bench")
                    && original.get(1).equals("storage")) {
                original = original.subList(2, original.size());
            }
            boolean maskNext = false;
            for (String a : original) {
                boolean secret = a.startsWith("--clickhouse-password") || a.startsWith("--postgres-password");
                args.add(maskNext ? "***" : secret && a.contains("=") ? a.replaceAll("=.*", "=***") : a);
                maskNext = secret && !a.contains("=");
            }
            return String.join(" ", args);
        }

        private static void deleteTree(Path dir) throws IOException {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
