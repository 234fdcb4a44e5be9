package cinema.ugc.app.cli;

import cinema.ugc.app.Roles;
import cinema.ugc.app.RunBanner;
import cinema.ugc.app.RunSettings;
import cinema.ugc.model.config.Env;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./ugc run}: the whole pipeline in one process (every {@link cinema.ugc.app.Role}) until Ctrl-C / SIGTERM. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the whole pipeline in one process: embedded Kafka (unless UGC_KAFKA_BOOTSTRAP is set), "
                    + "ingest API, ETL, store (UGC_STORE, default DuckDB under the data directory), read API and "
                    + "dashboard. Ctrl-C stops it without losing events.",
            "Settings come from UGC_* environment variables; the options below override them."
        })
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (UGC_HTTP_PORT, default 8080).")
    Integer port;

    @Option(names = "--data-dir", description = "Data directory (UGC_DATA_DIR, default ./data).")
    String dataDir;

    @Option(names = "--store", description = "duckdb, clickhouse or postgres (UGC_STORE, default duckdb).")
    String store;

    @Override
    public Integer call() {
        return ServiceCommand.serve("run", Env.system().with(overrides()), Roles::run, RunBanner::text);
    }

    private Map<String, String> overrides() {
        Map<String, String> o = new HashMap<>();
        o.put("UGC_HTTP_PORT", port == null ? null : port.toString());
        o.put(RunSettings.DATA_DIR.key(), dataDir);
        o.put("UGC_STORE", store);
        return o;
    }
}
