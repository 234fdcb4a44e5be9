package cinema.ugc.query;

import cinema.ugc.model.Event;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.StoredEvent;
import cinema.ugc.web.BearerAuth;
import cinema.ugc.web.EventLoops;
import cinema.ugc.web.JwtSettings;
import cinema.ugc.web.JwtVerifier;
import cinema.ugc.web.TokenIssuer;
import cinema.ugc.web.WebServer;
import cinema.ugc.web.WebSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The read API on a real HTTP server on a free port over a real store, plus a client that speaks to it. */
final class ReadApiServer implements AutoCloseable {
    static final String SECRET = "read-api-test-secret-of-at-least-32-bytes";

    final EventStore store;
    final AtomicLong accepted = new AtomicLong();
    final TokenIssuer tokens = new TokenIssuer(SECRET, "roles", Clock.systemUTC());
    private final Vertx vertx = EventLoops.create();
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebServer server;
    private final int port;

    ReadApiServer(EventStore store) throws Exception {
        this.store = store;
        store.migrate();
        PipelineProbe probe = new PipelineProbe() {
            @Override
            public long acceptedEvents() {
                return accepted.get();
            }

            @Override
            public long etlLag() {
                return 0;
            }
        };
        BearerAuth auth = new BearerAuth(JwtVerifier.create(vertx, JwtSettings.hmac(SECRET)));
        QueryRoutes routes = new QueryRoutes(store.queries(), auth, probe, store.describe(), Clock.systemUTC());
        server = WebServer.builder(vertx, WebSettings.forTests(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .routes(routes)
                .build();
        port = server.start().toCompletionStage().toCompletableFuture().get();
    }

    void write(List<Event> events) {
        store.write(events.stream().map(e -> new StoredEvent(e, 0, 0)).toList());
    }

    String token(String user, String... roles) {
        return tokens.issue(user, Duration.ofMinutes(10), List.of(roles));
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(HttpResponse<String> response) {
        return new JsonObject(response.body());
    }

    @Override
    public void close() {
        server.stop().await();
        vertx.close().await();
        store.close();
    }
}
