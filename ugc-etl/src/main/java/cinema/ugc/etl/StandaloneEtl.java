package cinema.ugc.etl;

import cinema.ugc.etl.erasure.Erasures;
import cinema.ugc.etl.erasure.Retention;
import cinema.ugc.kafka.KafkaSettings;
import cinema.ugc.kafka.Topics;
import cinema.ugc.kafka.erasure.ErasureTopics;
import cinema.ugc.kafka.erasure.PrivacySettings;
import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStores;
import cinema.ugc.store.StoreSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ETL as its own process ({@code ./ugc etl}): an external Kafka, the configured store, /metrics and /health on
 * {@code UGC_ETL_HTTP_PORT}. SIGTERM flushes the open batch, commits and exits; SIGKILL loses nothing either (the
 * records after the last commit are read again and the store ignores repeats).
 */
public final class StandaloneEtl {
    private static final Logger log = LoggerFactory.getLogger(StandaloneEtl.class);

    private StandaloneEtl() {
    }

    /** Runs until SIGTERM (exit code 0) or a fatal store failure (exit code 1). */
    public static int run(Env env) {
        KafkaSettings kafka = KafkaSettings.from(env);
        String bootstrap = kafka.bootstrap().orElseThrow(() -> new ConfigException("UGC_KAFKA_BOOTSTRAP is empty: "
                + "the standalone ETL reads an external Kafka; set it, e.g. UGC_KAFKA_BOOTSTRAP=localhost:9092 "
                + "(./ugc run starts an embedded broker and runs the ETL in the same process)"));
        EtlSettings settings = EtlSettings.from(env);
        StoreSettings storeSettings = StoreSettings.from(env);
        PrivacySettings privacy = PrivacySettings.from(env);
        ensureTopics(kafka, bootstrap, privacy);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EventStore store = EventStores.open(storeSettings);
        store.migrate();
        Erasures erasures = Erasures.start(bootstrap, store, settings, registry);
        Retention retention = Retention.start(store.eraser(), privacy, java.time.Clock.systemUTC());
        Etl etl = new Etl(settings, EtlKafka.of(kafka, bootstrap), erasures.guard(store), registry);
        EtlHttpServer http = EtlHttpServer.start(settings.httpPort(), registry, etl::status);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            retention.close();
            erasures.close();
            shutdown(etl, http, store);
        }, "ugc-etl-shutdown"));
        etl.start();
        log.info("ETL serving /metrics and /health on port {}", http.port());
        return await(etl);
    }

    private static void ensureTopics(KafkaSettings kafka, String bootstrap, PrivacySettings privacy) {
        Duration timeout = Duration.ofSeconds(30);
        Map<String, String> configs = privacy.eventTopicConfigs();
        Topics.ensure(bootstrap, kafka.topic(), kafka.partitions(), kafka.replication(), kafka.minInsync(), timeout,
                configs);
        Topics.ensure(bootstrap, kafka.dlqTopic(), kafka.partitions(), kafka.replication(), kafka.minInsync(), timeout,
                configs);
        ErasureTopics.ensure(bootstrap, kafka, timeout);
    }

    private static int await(Etl etl) {
        try {
            etl.termination().get();
            return 0;
        } catch (ExecutionException e) {
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static void shutdown(Etl etl, EtlHttpServer http, EventStore store) {
        log.info("shutting down: flushing the open batch");
        etl.close();
        http.close();
        store.close();
    }

    /** Entry point for running the ETL without the launcher (the crash tests start it as a child JVM). */
    public static void main(String[] args) {
        System.exit(run(Env.system()));
    }
}
