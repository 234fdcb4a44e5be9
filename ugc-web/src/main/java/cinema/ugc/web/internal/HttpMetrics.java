package cinema.ugc.web.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * First handler of every request: times it and counts it by method, route template and status
 * ({@code http_server_requests_seconds} with a latency histogram in Prometheus).
 */
public final class HttpMetrics implements Handler<RoutingContext> {
    private final MeterRegistry registry;
    private final Supplier<RouteTemplates> templates;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    /** @param templates supplied late: the router is complete only after every route group mounted itself */
    public HttpMetrics(MeterRegistry registry, Supplier<RouteTemplates> templates) {
        this.registry = registry;
        this.templates = templates;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(ar -> record(ctx, System.nanoTime() - start));
        ctx.next();
    }

    private void record(RoutingContext ctx, long nanos) {
        Key key = new Key(
                ctx.request().method(),
                templates.get().templateOf(ctx.request().path()),
                ctx.response().getStatusCode());
        timers.computeIfAbsent(key, HttpMetrics.this::timer).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key key) {
        return Timer.builder("http.server.requests")
                .description("HTTP requests by method, route template and status")
                .tags("method", key.method().name(), "route", key.route(), "status", Integer.toString(key.status()))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /**
     * A timer's identity as plain values: looked up on every request, so no tag strings are built for it
     * (docs/benchmarks.md, "Ingest CPU per request").
     */
    private record Key(HttpMethod method, String route, int status) {}
}
