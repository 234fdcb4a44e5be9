package cinema.ugc.app.run;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * A web site of the tests' own on a free port — a web origin other than the API's — serving the test player page and
 * tokens for it ({@code /token?user=&ttl=s}, signed with the test secret, as a cinema's Auth service would).
 * The page and its script may be cached for ten minutes, so a page loaded once loads again while offline.
 */
final class TestPages implements AutoCloseable {
    private final HttpServer server;
    final int port;

    private TestPages(HttpServer server) {
        this.server = server;
        this.port = server.actualPort();
    }

    static TestPages start(Vertx vertx) {
        Router router = Router.router(vertx);
        Buffer page = load("page.html");
        Buffer script = load("page.js");
        router.get("/page.html").handler(ctx -> serve(ctx, page, "text/html; charset=utf-8"));
        router.get("/page.js").handler(ctx -> serve(ctx, script, "text/javascript; charset=utf-8"));
        router.get("/token")
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", "text/plain")
                        .putHeader("Cache-Control", "no-store")
                        .end(TestPipelines.TOKENS.issue(
                                ctx.request().getParam("user"),
                                Duration.ofSeconds(Long.parseLong(ctx.request().getParam("ttl"))),
                                List.of())));
        return new TestPages(vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .await());
    }

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    /** The test page for {@code user}, talking to the API at {@code api}; {@code extra} is more query text. */
    String page(String api, String user, String extra) {
        return origin() + "/page.html?api=" + api + "&user=" + user + (extra.isEmpty() ? "" : "&" + extra);
    }

    private static void serve(RoutingContext ctx, Buffer body, String type) {
        ctx.response()
                .putHeader("Content-Type", type)
                .putHeader("Cache-Control", "max-age=600")
                .end(body.copy());
    }

    private static Buffer load(String name) {
        try (InputStream in = TestPages.class.getResourceAsStream("webplayer/" + name)) {
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        Future<Void> closing = server.close();
        closing.await();
    }
}
