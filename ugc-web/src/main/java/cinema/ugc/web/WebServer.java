package cinema.ugc.web;

import cinema.ugc.web.internal.HealthRoutes;
import cinema.ugc.web.internal.HttpMetrics;
import cinema.ugc.web.internal.JvmMeters;
import cinema.ugc.web.internal.OpenApiDocument;
import cinema.ugc.web.internal.ProblemFailureHandler;
import cinema.ugc.web.internal.RequestIds;
import cinema.ugc.web.internal.RouteTemplates;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's single HTTP server: common handlers (metrics, body limits, gzip, problem+json errors), the
 * built-in endpoints ({@code /health/live}, {@code /health/ready}, {@code /metrics}, {@code /openapi.yaml}) and the
 * {@link Routes} of every component. Served by {@link WebSettings#instances()} event loops sharing one port.
 *
 * <pre>{@code
 * WebServer server = WebServer.builder(vertx, settings, registry).routes(ingest).readiness(kafkaReady).build();
 * server.start().onSuccess(port -> ...);
 * }</pre>
 */
public final class WebServer {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final Vertx vertx;
    private final WebSettings settings;
    private final PrometheusMeterRegistry registry;
    private final List<Routes> routes;
    private final HealthRoutes health;
    private final String openApi;
    private final CorsSettings cors;
    private final AtomicInteger actualPort = new AtomicInteger(-1);
    private String deploymentId;

    private WebServer(Builder b) {
        this.vertx = b.vertx;
        this.settings = b.settings;
        this.registry = b.registry;
        this.routes = List.copyOf(b.routes);
        this.health = new HealthRoutes(b.liveness, b.readiness);
        this.cors = b.cors;
        this.openApi = OpenApiDocument.merge(routes.stream()
                .map(Routes::openApiYaml)
                .filter(Objects::nonNull)
                .toList());
        JvmMeters.bindOnce(registry);
    }

    public static Builder builder(Vertx vertx, WebSettings settings, PrometheusMeterRegistry registry) {
        return new Builder(vertx, settings, registry);
    }

    /** Starts listening; completes with the bound port. Port 0 (a free port) is served by one event loop. */
    public Future<Integer> start() {
        int instances = settings.port() == 0 ? 1 : settings.instances();
        return vertx.deployVerticle(HttpVerticle::new, new DeploymentOptions().setInstances(instances))
                .map(id -> {
                    deploymentId = id;
                    log.info(
                            "HTTP server listening on {}:{} ({} event loops)",
                            settings.host(),
                            actualPort.get(),
                            instances);
                    return actualPort.get();
                });
    }

    public Future<Void> stop() {
        return deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
    }

    public int port() {
        return actualPort.get();
    }

    /** The merged OpenAPI document served at {@code /openapi.yaml}. */
    public String openApi() {
        return openApi;
    }

    /** A complete router: what each event-loop instance serves. */
    public Router newRouter() {
        Router router = Router.router(vertx);
        RouteTemplates[] templates = new RouteTemplates[1];
        router.route().handler(new HttpMetrics(registry, () -> templates[0]));
        router.route().handler(new RequestIds());
        router.route("/api/*").handler(new CrossOrigin(cors, registry));
        router.route().handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));
        router.route().handler(new BodyDecoder(settings.maxDecodedBodyBytes()));
        health.mount(router);
        router.get("/metrics")
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(registry.scrape()));
        router.get("/openapi.yaml")
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", "application/yaml; charset=utf-8")
                        .end(openApi));
        routes.forEach(r -> r.mount(router));
        ProblemFailureHandler problems = new ProblemFailureHandler(settings.maxBodyBytes());
        router.route().failureHandler(problems);
        for (int status : new int[] {400, 404, 405, 406, 413, 415, 500}) {
            router.errorHandler(status, problems);
        }
        templates[0] = new RouteTemplates(router);
        return router;
    }

    /**
     * A client connection failed (reset, or bytes that are not HTTP): the client's doing, so a DEBUG line without a
     * stack trace — Vert.x's default is an ERROR with one. A request it interrupts is logged once, as a WARN, by the
     * failure handler; a broken request head is answered 400 by Vert.x itself.
     */
    private static void connectionFailed(Throwable failure) {
        log.debug("client connection failed: {}", failure.toString());
    }

    private final class HttpVerticle extends VerticleBase {
        private HttpServer server;

        @Override
        public Future<?> start() {
            HttpServerOptions options = new HttpServerOptions()
                    .setHost(settings.host())
                    .setPort(settings.port())
                    .setCompressionSupported(false)
                    .setDecompressionSupported(false)
                    .setIdleTimeout(60)
                    .setTcpNoDelay(true)
                    // No h2c sniffing: the HTTP/1.1 connection (and its exception handler) then exists from the
                    // first byte, so a client resetting mid-head is not logged as an ERROR by Vert.x.
                    .setHttp2ClearTextEnabled(false);
            server = vertx.createHttpServer(options)
                    .requestHandler(newRouter())
                    .connectionHandler(connection -> connection.exceptionHandler(WebServer::connectionFailed))
                    .exceptionHandler(WebServer::connectionFailed);
            return server.listen().onSuccess(s -> actualPort.set(s.actualPort()));
        }

        @Override
        public Future<?> stop() {
            return server == null ? Future.succeededFuture() : server.close();
        }
    }

    public static final class Builder {
        private final Vertx vertx;
        private final WebSettings settings;
        private final PrometheusMeterRegistry registry;
        private final List<Routes> routes = new ArrayList<>();
        private final List<Readiness> readiness = new ArrayList<>();
        private final List<Readiness> liveness = new ArrayList<>();
        private CorsSettings cors = CorsSettings.none();

        private Builder(Vertx vertx, WebSettings settings, PrometheusMeterRegistry registry) {
            this.vertx = Objects.requireNonNull(vertx);
            this.settings = Objects.requireNonNull(settings);
            this.registry = Objects.requireNonNull(registry);
        }

        public Builder routes(Routes group) {
            routes.add(group);
            return this;
        }

        public Builder readiness(Readiness check) {
            readiness.add(check);
            return this;
        }

        /**
         * A condition {@code GET /health/live} requires: only for a component that cannot recover without a restart
         * (an ETL stopped on a fatal failure); with none, the process is live while it serves HTTP.
         */
        public Builder liveness(Readiness check) {
            liveness.add(check);
            return this;
        }

        /** Which web origins may call {@code /api/*} from a browser; none unless set. */
        public Builder cors(CorsSettings origins) {
            this.cors = Objects.requireNonNull(origins);
            return this;
        }

        public WebServer build() {
            return new WebServer(this);
        }
    }
}
