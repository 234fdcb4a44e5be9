package cinema.ugc.app.cli;

import cinema.ugc.etl.StandaloneEtl;
import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ugc etl}: the ETL alone, reading an external Kafka (UGC_KAFKA_BOOTSTRAP) into the configured store, with
 * /metrics and /health on UGC_ETL_HTTP_PORT. Run several for more throughput (one per partition at most).
 */
@Command(name = "etl", mixinStandardHelpOptions = true,
        description = {"Delivers events from Kafka to the analytics store (UGC_STORE), each exactly once in effect: "
                + "offsets are committed only after the store write returned; poison records go to the dead-letter topic.",
            "Needs an external Kafka (UGC_KAFKA_BOOTSTRAP); serves /metrics, /health/live, /health/ready and /status "
                + "on UGC_ETL_HTTP_PORT (8081). SIGTERM flushes the open batch, commits and exits.",
            "Settings come from UGC_* environment variables; the options below override them."})
public final class EtlCommand implements Callable<Integer> {

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
        try {
            return StandaloneEtl.run(Env.system().with(overrides));
        } catch (ConfigException e) {
            System.err.println("ugc etl: " + e.getMessage());
            return 2;
        }
    }
}
