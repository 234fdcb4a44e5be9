package cinema.ugc.app;

import cinema.ugc.app.demo.DemoSite;
import cinema.ugc.etl.Etl;
import cinema.ugc.etl.EtlKafka;
import cinema.ugc.etl.EtlSettings;
import cinema.ugc.etl.GroupLag;
import cinema.ugc.etl.erasure.Erasures;
import cinema.ugc.etl.erasure.Retention;
import cinema.ugc.ingest.IngestApi;
import cinema.ugc.ingest.erasure.ErasureApi;
import cinema.ugc.kafka.EmbeddedKafka;
import cinema.ugc.kafka.KafkaSettings;
import cinema.ugc.kafka.Topics;
import cinema.ugc.kafka.erasure.ErasureTopics;
import cinema.ugc.query.PipelineProbe;
import cinema.ugc.query.QueryRoutes;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStores;
import cinema.ugc.web.BearerAuth;
import cinema.ugc.web.CorsSettings;
import cinema.ugc.web.EventLoops;
import cinema.ugc.web.JwtVerifier;
import cinema.ugc.web.TokenIssuer;
import cinema.ugc.web.WebServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one composition root: every command's process ({@code ./ugc run}, {@code ./ugc api}, {@code ./ugc etl}) is
 * assembled here from its {@link Roles}, in one start order, and stopped in its reverse.
 *
 * <p>Start order ({@link #steps()}, each step only for the roles that need it): the data-directory lock; a warm-up
 * that opens the store and creates Vert.x while the broker starts; the embedded broker; the topics (events, dead
 * letters, erasures — created here only); Vert.x; the store; erasures; retention; the ETL; the ingest producer; the
 * erasure API; the demo player; last the one HTTP server ({@link WebServer}), which carries every role's routes and the
 * one {@code /health/live}, {@code /health/ready} and {@code /metrics}, plus the ETL's {@code /status}.
 *
 * <p>{@link #close()} stops in the reverse order, which loses nothing: the HTTP server first (no new events), then
 * the producer (flushing what it holds), then the ETL — in the all-in-one process after it has stored what Kafka
 * holds (bounded by UGC_RUN_DRAIN_TIMEOUT; the rest is stored on the next start because offsets are committed only
 * after writes) — then the store, Vert.x and the broker; the data directory stays locked from start to close. A close
 * during start-up (a signal) starts nothing more and stops what has started, in the same reverse order.
 */
public final class Service implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Service.class);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final RunSettings settings;
    private final Roles roles;
    private final Lifecycle lifecycle = new Lifecycle();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private CompletableFuture<Vertx> vertxStarting;
    private CompletableFuture<EventStore> storeOpening;
    private String bootstrap;
    private Vertx vertx;
    private EventStore store;
    private Erasures erasures;
    private Etl etl;
    private BearerAuth auth;
    private IngestApi ingest;
    private ErasureApi erasureApi;
    private int demoPort = -1;
    private WebServer server;

    Service(RunSettings settings, Roles roles) {
        this.settings = settings;
        this.roles = roles;
        this.bootstrap = settings.kafka().bootstrap().orElse(null);
    }

    /**
     * Starts every component of the roles; on failure stops those already started and rethrows.
     *
     * @throws DataDirLock.DataDirBusyException when another process uses the data directory
     */
    public static Service start(RunSettings settings, Roles roles) {
        return create(settings, roles).start();
    }

    /**
     * The service of these roles, not started yet: a caller that stops it from a shutdown hook registers the hook
     * before {@link #start()}, so that a signal during start-up stops what has started.
     */
    public static Service create(RunSettings settings, Roles roles) {
        return new Service(settings, roles);
    }

    /**
     * Starts every component of the roles; on failure stops those already started and rethrows.
     *
     * @throws DataDirLock.DataDirBusyException when another process uses the data directory
     * @throws StartAbortedException when {@link #close()} was called meanwhile (what had started is stopped)
     */
    public Service start() {
        lifecycle.startAll(steps());
        return this;
    }

    /** The components of this process's roles in start order; they stop in the reverse order. */
    List<Lifecycle.Step> steps() {
        boolean etlRole = roles.has(Role.ETL);
        boolean api = roles.has(Role.API);
        List<Lifecycle.Step> steps = new ArrayList<>();
        add(steps, roles.ownsDataDir(), "data directory lock", this::lockDataDir);
        add(steps, true, "warm-up", this::warmUp);
        add(steps, roles.has(Role.BROKER), "embedded Kafka", this::startBroker);
        add(steps, true, "topics", this::ensureTopics);
        add(steps, true, "Vert.x", this::takeVertx);
        add(steps, etlRole, "store", this::takeStore);
        add(steps, etlRole, "erasures", this::startErasures);
        add(steps, etlRole, "retention", this::startRetention);
        add(steps, etlRole, "ETL", this::startEtl);
        add(steps, api, "ingest producer", this::startIngest);
        add(steps, api, "erasure API", this::startErasureApi);
        add(steps, roles.allInOne(), "demo site", this::startDemo);
        add(steps, true, "HTTP server", this::startHttp);
        return steps;
    }

    private static void add(List<Lifecycle.Step> steps, boolean when, String name, Supplier<Runnable> start) {
        if (when) {
            steps.add(new Lifecycle.Step(name, start));
        }
    }

    private Runnable lockDataDir() {
        DataDirLock lock = DataDirLock.acquire(settings.dataDir());
        return lock::close;
    }

    /** The store (open + migrate) and Vert.x (mostly class loading) start while the broker starts. */
    private Runnable warmUp() {
        vertxStarting = CompletableFuture.supplyAsync(EventLoops::create);
        storeOpening = roles.has(Role.ETL) ? CompletableFuture.supplyAsync(this::openStore) : null;
        return () -> { // what a failed start left untaken
            if (vertx == null) {
                vertxStarting.thenAccept(Vertx::close);
            }
            if (storeOpening != null && store == null) {
                storeOpening.thenAccept(EventStore::close);
            }
        };
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

    private Runnable startBroker() {
        KafkaSettings kafka = settings.kafka();
        EmbeddedKafka broker = EmbeddedKafka.start(kafka.dataDir(), kafka.embeddedPort());
        bootstrap = broker.bootstrapServers();
        return broker::stop;
    }

    /** Every topic the service uses, created (if missing) in this one place: events, dead letters, erasures. */
    private Runnable ensureTopics() {
        KafkaSettings kafka = settings.kafka();
        for (String topic : List.of(kafka.topic(), kafka.dlqTopic())) {
            Topics.ensure(
                    bootstrap,
                    topic,
                    kafka.partitions(),
                    kafka.replication(),
                    kafka.minInsync(),
                    TOPIC_TIMEOUT,
                    settings.privacy().eventTopicConfigs());
        }
        ErasureTopics.ensure(bootstrap, kafka, TOPIC_TIMEOUT);
        return Lifecycle.NOTHING;
    }

    private Runnable takeVertx() {
        vertx = join(vertxStarting);
        return () -> vertx.close().await();
    }

    private Runnable takeStore() {
        store = join(storeOpening);
        return store::close;
    }

    private static <T> T join(CompletableFuture<T> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private Runnable startErasures() {
        erasures = Erasures.start(bootstrap, store, settings.etl(), registry);
        return erasures::close;
    }

    private Runnable startRetention() {
        Retention retention = Retention.start(store.eraser(), settings.privacy(), Clock.systemUTC());
        return retention::close;
    }

    private Runnable startEtl() {
        etl = new Etl(etlSettings(), EtlKafka.of(settings.kafka(), bootstrap), erasures.guard(store), registry).start();
        return roles.allInOne() ? this::drainAndStopEtl : etl::close;
    }

    /**
     * Static membership for the all-in-one process by default: after a crash, the restarted process's consumers take
     * their partitions back at once instead of waiting for the dead members' sessions to time out (the broker keeps
     * them across its own restart). A standalone ETL joins as configured.
     */
    private EtlSettings etlSettings() {
        EtlSettings etlSettings = settings.etl();
        return etlSettings.instanceId() != null || !roles.allInOne()
                ? etlSettings
                : etlSettings.withInstanceId(RunInstanceId.of(settings.dataDir()));
    }

    private Runnable startIngest() {
        auth = new BearerAuth(JwtVerifier.create(vertx, settings.jwt()));
        ingest = IngestApi.create(
                vertx,
                settings.ingest(),
                settings.rateLimit(),
                bootstrap,
                settings.kafka().topic(),
                auth,
                registry);
        return ingest::close;
    }

    private Runnable startErasureApi() {
        erasureApi = ErasureApi.create(
                bootstrap, auth, (int) settings.ingest().retryAfter().toSeconds());
        return erasureApi::close;
    }

    /**
     * The demo player on a port (a web origin) of its own, started before the API, whose allowed origins must include
     * the demo's. Off when disabled, or when tokens are verified with a public key only (it could not sign any).
     */
    private Runnable startDemo() {
        if (!settings.demo().enabled()) {
            return Lifecycle.NOTHING;
        }
        if (settings.jwt().hmacSecret() == null) {
            LOG.info("demo player off: tokens are verified with a public key only, so it cannot sign any");
            return Lifecycle.NOTHING;
        }
        DemoSite site = new DemoSite(vertx, TokenIssuer.from(settings.jwt()), this::httpPort);
        demoPort = site.start(settings.web().host(), settings.demo().port().getAsInt())
                .await();
        return () -> site.stop().await();
    }

    /** The process's one HTTP server, with the routes and health checks of each of its roles. */
    private Runnable startHttp() {
        WebServer.Builder web = WebServer.builder(vertx, settings.web(), registry);
        if (roles.has(Role.API)) {
            web.cors(cors())
                    .routes(ingest.routes())
                    .routes(ingest.sdk())
                    .routes(erasureApi.routes())
                    .readiness(ingest.readiness());
        }
        if (roles.has(Role.ETL)) {
            EtlEndpoints endpoints = new EtlEndpoints(etl::status);
            web.routes(endpoints).readiness(endpoints.readiness()).liveness(endpoints.liveness());
        }
        if (roles.allInOne()) {
            web.routes(new QueryRoutes(store.queries(), auth, probe(), store.describe(), Clock.systemUTC()));
        }
        server = web.build();
        server.start().await();
        return () -> server.stop().await();
    }

    private CorsSettings cors() {
        return demoPort < 0
                ? settings.cors()
                : settings.cors().with(DemoSite.origins(settings.web().host(), demoPort));
    }

    /** Accepted events from the ingest meters; ETL lag = the group's records not yet stored, on every partition. */
    private PipelineProbe probe() {
        return new PipelineProbe() {
            @Override
            public long acceptedEvents() {
                return (long) registry.find("ugc.ingest.events.accepted").counters().stream()
                        .mapToDouble(Counter::count)
                        .sum();
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
        try (GroupLag groupLag = GroupLag.connect(
                bootstrap, settings.etl().group(), settings.kafka().topic(), Duration.ofSeconds(2))) {
            long lag = uncommitted(groupLag);
            while (lag != 0
                    && etl.status().ready()
                    && System.nanoTime() < deadline
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

    /**
     * Completes when the process should end: normally once {@link #close()} has stopped the ETL (or, without one, has
     * run), exceptionally when the ETL stopped on a fatal failure (the caller then closes the service).
     */
    public CompletableFuture<Void> termination() {
        return etl != null ? etl.termination() : closed;
    }

    public Roles roles() {
        return roles;
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

    /** The store, or null without the ETL role. */
    public EventStore store() {
        return store;
    }

    /** The ETL, or null without the ETL role. */
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
    public void close() {
        lifecycle.close();
        closed.complete(null);
    }
}
