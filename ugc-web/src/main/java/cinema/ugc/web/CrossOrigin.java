package cinema.ugc.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.Set;

/**
 * CORS for {@code /api/*}: Vert.x Web's {@link CorsHandler} answers preflights (without authentication) and adds the
 * headers for the allowed origins; this class adds what it lacks — {@code Vary: Origin} on every answer (preflights
 * included) and a refusal, counted in {@code ugc.http.cors.refused}, for an origin not on the list. The refusal is a
 * 403 problem without any CORS header: the browser hides it from the page, and the request is not processed at all
 * (a {@code text/plain} beacon needs no preflight, so the browser alone would not stop it).
 *
 * <p>A request without {@code Origin}, or whose {@code Origin} is the API's own host (the dashboard), is not CORS.
 */
public final class CrossOrigin implements Handler<RoutingContext> {
    /** Chromium's cap; the server still checks the origin of every actual request. */
    public static final int MAX_AGE_SECONDS = 7200;

    private final Set<String> allowed;
    private final CorsHandler cors;
    private final Counter refused;

    public CrossOrigin(CorsSettings settings, MeterRegistry registry) {
        this.allowed = Set.copyOf(settings.allowedOrigins());
        this.cors = CorsHandler.create()
                // DELETE: a player's "clear my viewing history" (DELETE /api/v1/me/events)
                .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE, HttpMethod.OPTIONS))
                .allowedHeaders(Set.of("Authorization", "Content-Type", "Content-Encoding", "X-Request-Id"))
                .exposedHeaders(Set.of("Retry-After", "X-Request-Id"))
                .maxAgeSeconds(MAX_AGE_SECONDS);
        if (!allowed.isEmpty()) {
            cors.addOrigins(settings.allowedOrigins());
        }
        this.refused = Counter.builder("ugc.http.cors.refused")
                .description("Requests to /api/* from a web origin not in UGC_CORS_ALLOWED_ORIGINS (answered 403)")
                .register(registry);
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().headers().add("Vary", "Origin");
        String origin = ctx.request().getHeader("Origin");
        if (origin == null || sameOrigin(ctx, origin)) {
            ctx.next();
        } else if (allowed.contains(origin)) {
            cors.handle(ctx);
        } else {
            refused.increment();
            ctx.fail(HttpProblem.forbidden(
                    "the web origin " + abbreviate(origin) + " may not call this API " + "(UGC_CORS_ALLOWED_ORIGINS)"));
        }
    }

    private static boolean sameOrigin(RoutingContext ctx, String origin) {
        String host = ctx.request().getHeader("Host");
        int scheme = origin.indexOf("://");
        return host != null && scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
