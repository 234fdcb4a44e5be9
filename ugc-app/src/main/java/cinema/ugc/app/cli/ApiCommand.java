package cinema.ugc.app.cli;

import cinema.ugc.app.DataDirLock;
import cinema.ugc.app.RunSettings;
import cinema.ugc.ingest.IngestApi;
import cinema.ugc.ingest.IngestSettings;
import cinema.ugc.ingest.erasure.ErasureApi;
import cinema.ugc.kafka.erasure.ErasureTopics;
import cinema.ugc.kafka.erasure.PrivacySettings;
import cinema.ugc.ingest.RateLimitSettings;
import cinema.ugc.kafka.EmbeddedKafka;
import cinema.ugc.kafka.KafkaSettings;
import cinema.ugc.kafka.Topics;
import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import cinema.ugc.web.BearerAuth;
import cinema.ugc.web.CorsSettings;
import cinema.ugc.web.EventLoops;
import cinema.ugc.web.JwtSettings;
import cinema.ugc.web.JwtVerifier;
import cinema.ugc.web.TokenIssuer;
import cinema.ugc.web.WebServer;
import cinema.ugc.web.WebSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ugc api}: the ingest API alone — embedded Kafka broker when UGC_KAFKA_BOOTSTRAP is empty, the topic
 * ensured, one HTTP server — until Ctrl-C / SIGTERM, which stops the server, flushes the producer and stops the broker.
 */
@Command(name = "api", mixinStandardHelpOptions = true,
        description = {"Serves the ingest API (POST /api/v1/events, /api/v1/events/batch, /health/*, /metrics, "
                + "/openapi.yaml). Starts an embedded Kafka broker under <data dir>/kafka unless UGC_KAFKA_BOOTSTRAP is set.",
            "Settings come from UGC_* environment variables; the options below override them."})
public final class ApiCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ApiCommand.class);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--port", description = "HTTP port (UGC_HTTP_PORT, default 8080).")
    Integer port;

    @Option(names = "--data-dir", description = "Data directory (UGC_DATA_DIR, default ./data).")
    String dataDir;

    @Option(names = "--kafka-bootstrap", description = "External Kafka (UGC_KAFKA_BOOTSTRAP); empty = embedded broker.")
    String bootstrap;

    private final Deque<Runnable> stops = new ArrayDeque<>();

    @Override
    public Integer call() throws InterruptedException {
        Env env = Env.system().with(overrides());
        WebServer server;
        try {
            server = start(env);
        } catch (ConfigException | DataDirLock.DataDirBusyException e) {
            System.err.println("ugc api: " + e.getMessage());
            stopAll();
            return 2;
        } catch (RuntimeException e) {
            stopAll();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopAll();
            stopped.countDown();
        }, "ugc-api-shutdown"));
        System.out.println(banner(server.port(), JwtSettings.from(env)));
        stopped.await();
        return 0;
    }

    private WebServer start(Env env) {
        KafkaSettings kafka = KafkaSettings.from(env);
        JwtSettings jwt = JwtSettings.from(env);
        WebSettings web = WebSettings.from(env, jwt);
        IngestSettings ingestSettings = IngestSettings.from(env);
        String servers = kafka.bootstrap().orElse(null);
        if (kafka.embedded()) {
            DataDirLock lock = DataDirLock.acquire(env.get(RunSettings.DATA_DIR));
            stops.push(lock::close);
            EmbeddedKafka broker = EmbeddedKafka.start(kafka.dataDir(), kafka.embeddedPort());
            stops.push(broker::stop);
            servers = broker.bootstrapServers();
        }
        Topics.ensure(servers, kafka.topic(), kafka.partitions(), kafka.replication(), kafka.minInsync(), TOPIC_TIMEOUT,
                PrivacySettings.from(env).eventTopicConfigs());
        ErasureTopics.ensure(servers, kafka, TOPIC_TIMEOUT);
        Vertx vertx = EventLoops.create();
        stops.push(() -> vertx.close().await());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BearerAuth auth = new BearerAuth(JwtVerifier.create(vertx, jwt));
        IngestApi ingest = IngestApi.create(vertx, ingestSettings, RateLimitSettings.from(env), servers, kafka.topic(),
                auth, registry);
        stops.push(ingest::close);
        ErasureApi erasure = ErasureApi.create(servers, auth, (int) ingestSettings.retryAfter().toSeconds());
        stops.push(erasure::close);
        WebServer server = WebServer.builder(vertx, web, registry).cors(CorsSettings.from(env)).routes(ingest.routes())
                .routes(ingest.sdk()).routes(erasure.routes()).readiness(ingest.readiness()).build();
        server.start().await();
        stops.push(() -> server.stop().await());
        return server;
    }

    /** Reverse order of start: HTTP first (no new events), then the producer flush, Vert.x, the broker, the lock. */
    private synchronized void stopAll() {
        while (!stops.isEmpty()) {
            try {
                stops.pop().run();
            } catch (RuntimeException e) {
                log.warn("stopping failed: {}", e.toString());
            }
        }
    }

    private static String banner(int port, JwtSettings jwt) {
        String base = "http://localhost:" + port;
        StringBuilder text = new StringBuilder("ugc api: listening on " + base + " (OpenAPI: " + base + "/openapi.yaml)\n");
        if (jwt.generatedSecret()) {
            String token = TokenIssuer.from(jwt).issue("demo-user", Duration.ofHours(1), List.of());
            text.append("Tokens are checked against the secret generated in ").append(jwt.generatedSecretFile())
                    .append(" (set UGC_JWT_SECRET or UGC_JWT_PUBLIC_KEY for real use). Try:\n")
                    .append("  curl -i -H 'Authorization: Bearer ").append(token).append("' -H 'Content-Type: application/json' \\\n")
                    .append("       -d '{\"action\":\"CLICK\",\"event_time\":\"'$(date -u +%FT%TZ)'\"}' ")
                    .append(base).append("/api/v1/events\n");
        }
        return text.append("Ctrl-C stops it.").toString();
    }

    private Map<String, String> overrides() {
        Map<String, String> o = new HashMap<>();
        o.put("UGC_HTTP_PORT", port == null ? null : port.toString());
        o.put(RunSettings.DATA_DIR.key(), dataDir);
        o.put("UGC_KAFKA_BOOTSTRAP", bootstrap);
        return o;
    }
}
