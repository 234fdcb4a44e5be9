package cinema.ugc.app.demo;

import cinema.ugc.web.TokenIssuer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * The demo player: a page on its own port — so its own web origin, as a cinema's site would be — with an HTML5 video
 * (a 7 KB clip shipped in the jar, made by scripts/make-demo-clip.py), the SDK loaded from the API and attached to
 * the video, a few buttons that track clicks and searches, and a live list of what was sent and answered.
 *
 * <p>{@code GET /token?viewer=demo-xyz} signs a short token for a demo viewer (the page picks its id once and keeps
 * it): only subjects {@code demo-*}, no roles, 15 minutes. It stands in for the cinema's Auth service; it exists only
 * in {@code ./ugc run}, and only when tokens are signed with a secret this process holds.
 */
public final class DemoSite {
    public static final String FILM_ID = "demo-clip";
    /** The clip lasts 12 s: a progress event every 4 s shows the heartbeats without waiting 30 s. */
    static final int PROGRESS_EVERY_SECONDS = 4;

    private static final Duration TOKEN_TTL = Duration.ofMinutes(15);
    private static final Pattern VIEWER = Pattern.compile("demo-[a-z0-9]{4,24}");
    private static final String BASE = "/cinema/ugc/app/demo/";

    private final Vertx vertx;
    private final TokenIssuer tokens;
    private final IntSupplier apiPort;
    private HttpServer server;

    /** @param apiPort the API's port, asked when a page loads (the API starts after the demo) */
    public DemoSite(Vertx vertx, TokenIssuer tokens, IntSupplier apiPort) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.apiPort = apiPort;
    }

    /** Listens on {@code host:port}; completes with the bound port. */
    public Future<Integer> start(String host, int port) {
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                .requestHandler(router());
        return server.listen().map(HttpServer::actualPort);
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** The web origins a browser gives the demo's pages when it is bound to {@code host}. */
    public static List<String> origins(String host, int port) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("127.0.0.1") || host.equals("localhost")) {
            return List.of("http://localhost:" + port, "http://127.0.0.1:" + port);
        }
        return List.of(
                "http://" + (host.contains(":") ? "[" + host + "]" : host).toLowerCase(Locale.ROOT) + ":" + port);
    }

    private Router router() {
        Router router = Router.router(vertx);
        Buffer html = load("index.html");
        Buffer script = load("demo.js");
        Buffer style = load("demo.css");
        Buffer clip = load("clip.webm");
        router.get("/").handler(ctx -> serve(ctx, html, "text/html; charset=utf-8"));
        router.get("/demo.js").handler(ctx -> serve(ctx, script, "text/javascript; charset=utf-8"));
        router.get("/demo.css").handler(ctx -> serve(ctx, style, "text/css; charset=utf-8"));
        router.get("/clip.webm").handler(ctx -> serve(ctx, clip, "video/webm"));
        router.get("/config.json").handler(this::config);
        router.get("/token").handler(this::token);
        return router;
    }

    private void config(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(new JsonObject()
                        .put("api_port", apiPort.getAsInt())
                        .put("film_id", FILM_ID)
                        .put("progress_every", PROGRESS_EVERY_SECONDS)
                        .encode());
    }

    private void token(RoutingContext ctx) {
        String viewer = ctx.request().getParam("viewer");
        if (viewer == null || !VIEWER.matcher(viewer).matches()) {
            ctx.response()
                    .setStatusCode(400)
                    .putHeader("Content-Type", "application/problem+json")
                    .end(new JsonObject()
                            .put("type", "about:blank")
                            .put("title", "Bad Request")
                            .put("status", 400)
                            .put("detail", "viewer must match " + VIEWER.pattern())
                            .encode());
            return;
        }
        ctx.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(new JsonObject()
                        .put("token", tokens.issue(viewer, TOKEN_TTL, List.of()))
                        .encode());
    }

    private static void serve(RoutingContext ctx, Buffer body, String type) {
        ctx.response()
                .putHeader("Content-Type", type)
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(body.copy());
    }

    private static Buffer load(String name) {
        try (InputStream in = DemoSite.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("demo file missing from the class path: " + name);
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
