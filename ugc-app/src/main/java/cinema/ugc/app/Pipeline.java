package cinema.ugc.app;

import cinema.ugc.app.demo.DemoSite;
import cinema.ugc.etl.Etl;
import cinema.ugc.etl.EtlKafka;
import cinema.ugc.etl.EtlSettings;
import cinema.ugc.etl.GroupLag;
import cinema.ugc.etl.EtlStatus;
import cinema.ugc.etl.erasure.Erasures;
import cinema.ugc.etl.erasure.Retention;
import cinema.ugc.kafka.erasure.PrivacySettings;
import cinema.ugc.ingest.erasure.ErasureApi;
import cinema.ugc.kafka.erasure.ErasureTopics;
import cinema.ugc.ingest.IngestApi;
import cinema.ugc.kafka.EmbeddedKafka;
import cinema.ugc.kafka.KafkaSettings;
import cinema.ugc.kafka.Topics;
import cinema.ugc.query.PipelineProbe;
import cinema.ugc.query.QueryRoutes;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStores;
import cinema.ugc.web.BearerAuth;
import cinema.ugc.web.CorsSettings;
import cinema.ugc.web.EventLoops;
import cinema.ugc.web.JwtVerifier;
import cinema.ugc.web.Readiness;
import cinema.ugc.web.TokenIssuer;
import cinema.ugc.web.WebServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one process — what {@code ./ugc run} starts: the embedded Kafka broker (unless an external
 * one is configured), the store, the ETL, and one HTTP server with the ingest API, the read API, the dashboard and
 * the browser SDK — plus the demo player on a port (a web origin) of its own.
 *
 * <p>{@link #close()} stops in the order that loses nothing: the HTTP server first (no new events), then the
 * producer (flushing what it holds), then the ETL after it has stored what Kafka holds (bounded by the drain
 * timeout; the rest is stored on the next start because offsets are committed only after writes), then the store
 * and the broker. The data directory stays locked from start to close.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final RunSettings settings;
    private final Deque<Step> started = new ArrayDeque<>();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private String bootstrap;
    private EventStore store;
    private Etl etl;
    private WebServer server;
    private IngestApi ingest;
    private Vertx vertx;
    private int demoPort = -1;

    /** A started component and how to stop it, for orderly or partial shutdown. */
    private record Step(String name, Runnable stop) {
    }

    private Pipeline(RunSettings settings) {
        this.settings = settings;
    }

    /**
     * Starts every component; on failure stops those already started and rethrows.
     *
     * @throws DataDirLock.DataDirBusyException when another process uses the data directory
     */
    public static Pipeline start(RunSettings settings) {
        Pipeline pipeline = new Pipeline(settings);
        try {
            pipeline.startAll();
            return pipeline;
        } catch (RuntimeException | Error e) {
            pipeline.close();
            throw e;
        }
    }

    private void startAll() {
        DataDirLock lock = DataDirLock.acquire(settings.dataDir());
        started.push(new Step("data directory lock", lock::close));
        // the store (open + migrate) and Vert.x (mostly class loading) start while the broker starts
        CompletableFuture<EventStore> opening = CompletableFuture.supplyAsync(this::openStore);
        CompletableFuture<Vertx> vertxStarting = CompletableFuture.supplyAsync(EventLoops::create);
        try {
            startKafka(settings.kafka());
        } catch (RuntimeException | Error e) {
            opening.thenAccept(EventStore::close);
            vertxStarting.thenAccept(Vertx::close);
            throw e;
        }
        try {
            vertx = join(vertxStarting);
        } catch (RuntimeException e) {
            opening.thenAccept(EventStore::close);
            throw e;
        }
        started.push(new Step("Vert.x", () -> vertx.close().await()));
        store = join(opening);
        started.push(new Step("store", store::close));
        Erasures erasures = Erasures.start(bootstrap, store, settings.etl(), registry);
        started.push(new Step("erasures", erasures::close));
        Retention retention = Retention.start(store.eraser(), settings.privacy(), Clock.systemUTC());
        started.push(new Step("retention", retention::close));
        etl = new Etl(etlSettings(), new EtlKafka(bootstrap, settings.kafka().topic(), settings.kafka().dlqTopic()),
                erasures.guard(store), registry).start();
        started.push(new Step("ETL", this::drainAndStopEtl));
        startHttp();
    }

    /**
     * Static membership by default: after a crash, the restarted process's consumers take their partitions back at
     * once instead of waiting for the dead members' sessions to time out (the broker keeps them across its own restart).
     */
    private EtlSettings etlSettings() {
        EtlSettings etl = settings.etl();
        return etl.instanceId() != null ? etl : etl.withInstanceId(RunInstanceId.of(settings.dataDir()));
    }

    private static <T> T join(CompletableFuture<T> starting) {
        try {
            return starting.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private EventStore openStore() {
        EventStore opened = EventStores.open(settings.store());
        try {
            opened.migrate();
            return opened;
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    private void startKafka(KafkaSettings kafka) {
        PrivacySettings privacy = settings.privacy();
        if (kafka.embedded()) {
            EmbeddedKafka broker = EmbeddedKafka.start(kafka.dataDir(), kafka.embeddedPort());
            started.push(new Step("embedded Kafka", broker::stop));
            bootstrap = broker.bootstrapServers();
        } else {
            bootstrap = kafka.bootstrap().orElseThrow();
        }
        for (String topic : new String[] {kafka.topic(), kafka.dlqTopic()}) {
            Topics.ensure(bootstrap, topic, kafka.partitions(), kafka.replication(), kafka.minInsync(), TOPIC_TIMEOUT,
                    privacy.eventTopicConfigs());
        }
        ErasureTopics.ensure(bootstrap, kafka, TOPIC_TIMEOUT);
    }

    private void startHttp() {
        BearerAuth auth = new BearerAuth(JwtVerifier.create(vertx, settings.jwt()));
        ingest = IngestApi.create(vertx, settings.ingest(), settings.rateLimit(), bootstrap, settings.kafka().topic(),
                auth, registry);
        started.push(new Step("ingest producer", ingest::close));
        ErasureApi erasure = ErasureApi.create(bootstrap, auth, (int) settings.ingest().retryAfter().toSeconds());
        started.push(new Step("erasure API", erasure::close));
        CorsSettings cors = startDemo(settings.cors());
        QueryRoutes query = new QueryRoutes(store.queries(), auth, probe(), store.describe(), Clock.systemUTC());
        server = WebServer.builder(vertx, settings.web(), registry).cors(cors).routes(ingest.routes())
                .routes(ingest.sdk()).routes(erasure.routes()).routes(query).readiness(ingest.readiness()).readiness(etlReadiness()).build();
        server.start().await();
        started.push(new Step("HTTP server", () -> server.stop().await()));
    }

    /**
     * Starts the demo site before the API, whose allowed origins must include the demo's; returns them. Off when
     * disabled, or when tokens are verified with a public key only (the demo could not sign its viewers' tokens).
     */
    private CorsSettings startDemo(CorsSettings cors) {
        if (!settings.demo().enabled()) {
            return cors;
        }
        if (settings.jwt().hmacSecret() == null) {
            LOG.info("demo player off: tokens are verified with a public key only, so it cannot sign any");
            return cors;
        }
        DemoSite site = new DemoSite(vertx, TokenIssuer.from(settings.jwt()), this::httpPort);
        demoPort = site.start(settings.web().host(), settings.demo().port().getAsInt()).await();
        started.push(new Step("demo site", () -> site.stop().await()));
        return cors.with(DemoSite.origins(settings.web().host(), demoPort));
    }

    private Readiness etlReadiness() {
        return Readiness.of("etl", () -> {
            EtlStatus status = etl.status();
            return status.ready() ? Future.succeededFuture()
                    : Future.failedFuture("ETL is " + status.state() + (status.error() == null ? "" : ": " + status.error()));
        });
    }

    /** Accepted events from the ingest meters; ETL lag = the group's records not yet stored, on every partition. */
    private PipelineProbe probe() {
        return new PipelineProbe() {
            @Override
            public long acceptedEvents() {
                return (long) registry.find("ugc.ingest.events.accepted").counters().stream()
                        .mapToDouble(Counter::count).sum();
            }

            @Override
            public long etlLag() {
                return etl.status().lag();
            }
        };
    }

    /**
     * Waits (bounded) until the consumer group has committed everything the topic holds — stored, since the ETL
     * commits only after writes — then flushes and stops the ETL. Reads the lag afresh each time: the ETL's own
     * figure may predate the producer's last flush.
     */
    private void drainAndStopEtl() {
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        try (GroupLag groupLag = GroupLag.connect(bootstrap, settings.etl().group(), settings.kafka().topic(),
                Duration.ofSeconds(2))) {
            long lag = uncommitted(groupLag);
            while (lag != 0 && etl.status().ready() && System.nanoTime() < deadline
                    && !Thread.currentThread().isInterrupted()) {
                pause();
                lag = uncommitted(groupLag);
            }
            if (lag != 0) {
                LOG.warn("ETL has {} records left to store; they are stored on the next start", lag < 0 ? "some" : lag);
            }
        }
        etl.close();
    }

    private static long uncommitted(GroupLag groupLag) {
        try {
            return GroupLag.total(groupLag.read());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int httpPort() {
        return server.port();
    }

    /** The demo player's port, -1 when it is off. */
    public int demoPort() {
        return demoPort;
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    public EventStore store() {
        return store;
    }

    public Etl etl() {
        return etl;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public RunSettings settings() {
        return settings;
    }

    /** Stops every started component in reverse order of start; never throws; idempotent. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            Step step = started.pop();
            try {
                LOG.info("stopping {}", step.name());
                step.stop().run();
            } catch (RuntimeException e) {
                LOG.warn("stopping {} failed: {}", step.name(), e.toString());
            }
        }
    }
}
