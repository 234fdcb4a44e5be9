package cinema.ugc.ingest;

import cinema.ugc.ingest.internal.EventRequests;
import cinema.ugc.ingest.internal.ProducerConfigs;
import cinema.ugc.model.EventCodec;
import cinema.ugc.model.EventParser;
import cinema.ugc.web.BearerAuth;
import cinema.ugc.web.Readiness;
import cinema.ugc.web.Routes;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest component, assembled: one shared producer, the publisher over it, the routes and the Kafka readiness
 * check. {@code ./ugc api} and {@code ./ugc run} both build it and hand {@link #routes()} and {@link #readiness()} to
 * the process's {@code WebServer}. The topic must exist already ({@code Topics.ensure} at start-up).
 *
 * <pre>{@code
 * IngestApi ingest = IngestApi.create(vertx, settings, bootstrap, topic, bearerAuth, registry);
 * WebServer.builder(vertx, web, registry).routes(ingest.routes()).readiness(ingest.readiness()).build().start();
 * }</pre>
 */
public final class IngestApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestApi.class);
    private static final Duration READINESS_TIMEOUT = Duration.ofSeconds(2);

    private final EventPublisher publisher;
    private final Admin admin;
    private final IngestRoutes routes;
    private final Readiness readiness;

    private IngestApi(EventPublisher publisher, Admin admin, IngestRoutes routes, Readiness readiness) {
        this.publisher = publisher;
        this.admin = admin;
        this.routes = routes;
        this.readiness = readiness;
    }

    public static IngestApi create(
            Vertx vertx,
            IngestSettings settings,
            String bootstrap,
            String topic,
            BearerAuth auth,
            MeterRegistry registry) {
        return create(vertx, settings, RateLimitSettings.defaults(), bootstrap, topic, auth, registry);
    }

    public static IngestApi create(
            Vertx vertx,
            IngestSettings settings,
            RateLimitSettings rateLimit,
            String bootstrap,
            String topic,
            BearerAuth auth,
            MeterRegistry registry) {
        IngestMetrics metrics = new IngestMetrics(registry);
        KafkaCircuit circuit = new KafkaCircuit(settings.retryAfter(), registry);
        EventPublisher publisher = new EventPublisher(
                vertx,
                new KafkaProducer<>(ProducerConfigs.of(bootstrap, settings)),
                topic,
                new EventCodec(),
                metrics,
                circuit,
                EventPublisher.Limits.of(settings));
        EventRequests requests =
                new EventRequests(new EventParser(settings.rules(), Clock.systemUTC()), settings.maxBatchEvents());
        IngestRoutes routes = new IngestRoutes(
                auth,
                requests,
                publisher,
                metrics,
                (int) settings.retryAfter().toSeconds(),
                new UserRateLimit(rateLimit));
        Admin admin = Admin.create(java.util.Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) READINESS_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) READINESS_TIMEOUT.toMillis()));
        log.info(
                "ingest producer for topic {} on {} (compression {}, delivery timeout {})",
                topic,
                bootstrap,
                settings.compression(),
                settings.deliveryTimeout());
        return new IngestApi(publisher, admin, routes, kafkaReadiness(vertx, admin, topic, circuit));
    }

    /**
     * Ready when the Kafka circuit is not open (recent writes did not fail) and Kafka answers a metadata request within
     * 2 s listing the topic.
     */
    private static Readiness kafkaReadiness(Vertx vertx, Admin admin, String topic, KafkaCircuit circuit) {
        return Readiness.of("kafka", () -> {
            if (circuit.isOpen()) {
                return Future.failedFuture("the Kafka circuit is open: the latest writes failed; new writes are "
                        + "refused until a probe succeeds");
            }
            return Future.fromCompletionStage(
                            admin.listTopics(new ListTopicsOptions().timeoutMs((int) READINESS_TIMEOUT.toMillis()))
                                    .names()
                                    .toCompletionStage(),
                            vertx.getOrCreateContext())
                    .compose(names -> names.contains(topic)
                            ? Future.succeededFuture()
                            : Future.failedFuture("topic " + topic + " does not exist"));
        });
    }

    public Routes routes() {
        return routes;
    }

    /** The browser SDK's files ({@code /sdk/ugc.js}, {@code /sdk/ugc.mjs}). */
    public Routes sdk() {
        return new SdkRoutes();
    }

    public Readiness readiness() {
        return readiness;
    }

    public EventPublisher publisher() {
        return publisher;
    }

    /** Flushes and closes the producer; call after the HTTP server stopped taking requests. */
    @Override
    public void close() {
        publisher.close();
        admin.close(Duration.ofSeconds(5));
    }
}
