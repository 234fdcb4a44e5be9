package cinema.ugc.app;

import cinema.ugc.etl.EtlStatus;
import cinema.ugc.web.Readiness;
import cinema.ugc.web.Routes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The ETL's part of the process's HTTP server: {@code GET /status} (the {@link EtlStatus} as JSON) and the ETL's
 * health checks — live unless it stopped on a fatal failure, ready while it consumes (a back-off is recoverable).
 */
final class EtlEndpoints implements Routes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<EtlStatus> status;

    EtlEndpoints(Supplier<EtlStatus> status) {
        this.status = status;
    }

    @Override
    public void mount(Router router) {
        router.get("/status").handler(this::status);
    }

    private void status(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(json(status.get()));
    }

    Readiness liveness() {
        return Readiness.of("etl", () -> {
            EtlStatus now = status.get();
            return check(now, now.live());
        });
    }

    Readiness readiness() {
        return Readiness.of("etl", () -> {
            EtlStatus now = status.get();
            return check(now, now.ready());
        });
    }

    private static Future<Void> check(EtlStatus s, boolean up) {
        return up
                ? Future.succeededFuture()
                : Future.failedFuture("ETL is " + s.state() + (s.error() == null ? "" : ": " + s.error()));
    }

    static String json(EtlStatus s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", s.state());
        body.put("running", s.running());
        body.put("consumed", s.consumed());
        body.put("inserted", s.inserted());
        body.put("dead_lettered", s.deadLettered());
        body.put("lag", s.lag() < 0 ? null : s.lag());
        body.put("lag_by_partition", new TreeMap<>(s.lagByPartition()));
        body.put("pending", s.pending());
        body.put("error", s.error());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the ETL status as JSON", e);
        }
    }
}
