package cinema.ugc.app.cli;

import cinema.ugc.app.DataDirLock;
import cinema.ugc.app.Pipeline;
import cinema.ugc.app.RunBanner;
import cinema.ugc.app.RunSettings;
import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./ugc run}: the whole pipeline in one process until Ctrl-C / SIGTERM. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline in one process: embedded Kafka (unless UGC_KAFKA_BOOTSTRAP is set), "
                + "ingest API, ETL, store (UGC_STORE, default DuckDB under the data directory), read API and "
                + "dashboard. Ctrl-C stops it without losing events.",
            "Settings come from UGC_* environment variables; the options below override them."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (UGC_HTTP_PORT, default 8080).")
    Integer port;

    @Option(names = "--data-dir", description = "Data directory (UGC_DATA_DIR, default ./data).")
    String dataDir;

    @Option(names = "--store", description = "duckdb, clickhouse or postgres (UGC_STORE, default duckdb).")
    String store;

    @Override
    public Integer call() {
        long begin = System.nanoTime();
        Pipeline pipeline;
        try {
            pipeline = Pipeline.start(RunSettings.from(Env.system().with(overrides())));
        } catch (ConfigException | DataDirLock.DataDirBusyException e) {
            System.err.println("ugc run: " + e.getMessage());
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close, "ugc-run-shutdown"));
        System.out.println(RunBanner.text(pipeline, Duration.ofNanos(System.nanoTime() - begin)));
        return awaitEtl(pipeline);
    }

    /** Returns when the ETL ends: after Ctrl-C (the shutdown hook closes the pipeline) or on a fatal store error. */
    private static int awaitEtl(Pipeline pipeline) {
        try {
            pipeline.etl().termination().get();
            return 0;
        } catch (ExecutionException e) {
            System.err.println("ugc run: the ETL stopped on a fatal error: " + e.getCause().getMessage());
            pipeline.close();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private Map<String, String> overrides() {
        Map<String, String> o = new HashMap<>();
        o.put("UGC_HTTP_PORT", port == null ? null : port.toString());
        o.put(RunSettings.DATA_DIR.key(), dataDir);
        o.put("UGC_STORE", store);
        return o;
    }
}
