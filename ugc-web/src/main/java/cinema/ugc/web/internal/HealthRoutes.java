package cinema.ugc.web.internal;

import cinema.ugc.web.Readiness;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code /health/live} (the process serves HTTP and no liveness check fails: a component that cannot recover, such as
 * an ETL stopped on a fatal failure) and {@code /health/ready} (every readiness check passes). Both answer
 * {@code {"status": "UP"|"DOWN", "checks": {name: {"status": ..., "detail": ...}}}}, 200 or 503.
 */
public final class HealthRoutes {
    private static final long CHECK_TIMEOUT_SECONDS = 3;

    private final List<Readiness> liveness;
    private final List<Readiness> readiness;

    public HealthRoutes(List<Readiness> liveness, List<Readiness> readiness) {
        this.liveness = List.copyOf(liveness);
        this.readiness = List.copyOf(readiness);
    }

    public void mount(Router router) {
        router.get("/health/live").handler(ctx -> answer(ctx, liveness));
        router.get("/health/ready").handler(ctx -> answer(ctx, readiness));
    }

    private static void answer(RoutingContext ctx, List<Readiness> checks) {
        List<Future<JsonObject>> results = new ArrayList<>();
        for (Readiness check : checks) {
            results.add(run(check));
        }
        Future.all(results).onComplete(ar -> {
            JsonObject details = new JsonObject();
            boolean up = true;
            for (int i = 0; i < checks.size(); i++) {
                JsonObject result = results.get(i).result();
                details.put(checks.get(i).name(), result);
                up &= "UP".equals(result.getString("status"));
            }
            json(
                    ctx,
                    up ? 200 : 503,
                    new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", details));
        });
    }

    private static Future<JsonObject> run(Readiness check) {
        Future<Void> result;
        try {
            result = check.check().timeout(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        return result.map(v -> new JsonObject().put("status", "UP"))
                .otherwise(e -> new JsonObject().put("status", "DOWN").put("detail", String.valueOf(e.getMessage())));
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }
}
