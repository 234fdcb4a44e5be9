package cinema.ugc.app.cli;

import cinema.ugc.app.Roles;
import cinema.ugc.app.Service;
import cinema.ugc.model.config.Env;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ugc etl}: the ETL alone ({@link cinema.ugc.app.Role#ETL}), reading an external Kafka (UGC_KAFKA_BOOTSTRAP)
 * into the configured store, with /metrics, /health and /status on UGC_ETL_HTTP_PORT. Run several for more throughput
 * (one per partition at most). SIGTERM flushes the open batch, commits and exits 0; a fatal store failure exits 1;
 * SIGKILL loses nothing either (the records after the last commit are read again and the store ignores repeats).
 */
@Command(
        name = "etl",
        mixinStandardHelpOptions = true,
        description = {
            "Delivers events from Kafka to the analytics store (UGC_STORE), each exactly once in effect: "
                    + "offsets are committed only after the store write returned; poison records go to the dead-letter topic.",
            "Needs an external Kafka (UGC_KAFKA_BOOTSTRAP); serves /metrics, /health/live, /health/ready and /status "
                    + "on UGC_ETL_HTTP_PORT (8081). SIGTERM flushes the open batch, commits and exits.",
            "Settings come from UGC_* environment variables; the options below override them."
        })
public final class EtlCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(EtlCommand.class);

    @Option(names = "--kafka-bootstrap", description = "Kafka bootstrap servers (UGC_KAFKA_BOOTSTRAP); required.")
    String bootstrap;

    @Option(names = "--store", description = "duckdb, clickhouse or postgres (UGC_STORE, default duckdb).")
    String store;

    @Option(names = "--http-port", description = "Port of /metrics and /health (UGC_ETL_HTTP_PORT, default 8081).")
    Integer httpPort;

    @Option(names = "--batch-size", description = "Rows per store write (UGC_ETL_BATCH_SIZE, default 10000).")
    Integer batchSize;

    @Override
    public Integer call() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("UGC_KAFKA_BOOTSTRAP", bootstrap);
        overrides.put("UGC_STORE", store);
        overrides.put("UGC_ETL_HTTP_PORT", httpPort == null ? null : httpPort.toString());
        overrides.put("UGC_ETL_BATCH_SIZE", batchSize == null ? null : batchSize.toString());
        return ServiceCommand.serve("etl", Env.system().with(overrides), Roles::etl, EtlCommand::banner);
    }

    /** Logged rather than printed: an ETL runs unattended, and its stdout is its log. */
    private static String banner(Service service, Duration startup) {
        LOG.info("ETL serving /metrics, /health/live, /health/ready and /status on port {}", service.httpPort());
        return null;
    }
}
