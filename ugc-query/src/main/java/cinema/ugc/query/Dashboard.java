package cinema.ugc.query;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The analyst dashboard: one static page with its script and style, served from the class path at {@code GET /}.
 * The page carries no data and no token; it calls the read API with the token the user gives it (see dashboard.js).
 */
public final class Dashboard {
    private static final String BASE = "/cinema/ugc/query/dashboard/";
    /** Only our own files: no inline script, no third-party origins, no framing. */
    private static final String CSP =
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";

    private final Buffer html = load("index.html");
    private final Buffer script = load("dashboard.js");
    private final Buffer style = load("dashboard.css");

    public void mount(Router router) {
        router.get("/").handler(ctx -> serve(ctx, html, "text/html; charset=utf-8"));
        router.get("/dashboard/dashboard.js").handler(ctx -> serve(ctx, script, "text/javascript; charset=utf-8"));
        router.get("/dashboard/dashboard.css").handler(ctx -> serve(ctx, style, "text/css; charset=utf-8"));
    }

    private static void serve(RoutingContext ctx, Buffer body, String contentType) {
        ctx.response()
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-cache")
                .end(body.copy());
    }

    private static Buffer load(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard asset missing from the class path: " + name);
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
