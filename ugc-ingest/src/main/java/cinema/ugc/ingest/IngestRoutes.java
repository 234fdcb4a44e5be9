package cinema.ugc.ingest;

import cinema.ugc.ingest.internal.EventRequests;
import cinema.ugc.model.Event;
import cinema.ugc.web.BearerAuth;
import cinema.ugc.web.DecodedBody;
import cinema.ugc.web.HttpProblem;
import cinema.ugc.web.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /api/v1/events} and {@code POST /api/v1/events/batch}: authenticate, validate, publish, and answer 202
 * with the event ids only once Kafka acknowledged every event (503 + Retry-After otherwise).
 */
public final class IngestRoutes implements Routes {
    public static final String SINGLE = "/api/v1/events";
    public static final String BATCH = "/api/v1/events/batch";

    private final BearerAuth auth;
    private final EventRequests requests;
    private final EventPublisher publisher;
    private final IngestMetrics metrics;
    private final int retryAfterSeconds;

    public IngestRoutes(BearerAuth auth, EventRequests requests, EventPublisher publisher, IngestMetrics metrics,
                        int retryAfterSeconds) {
        this.auth = auth;
        this.requests = requests;
        this.publisher = publisher;
        this.metrics = metrics;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public void mount(Router router) {
        router.post(SINGLE).handler(auth).handler(this::single);
        router.post(BATCH).handler(auth).handler(this::batch);
    }

    private void single(RoutingContext ctx) {
        handle(ctx, false);
    }

    private void batch(RoutingContext ctx) {
        handle(ctx, true);
    }

    private void handle(RoutingContext ctx, boolean batch) {
        List<Event> events;
        try {
            requireJson(ctx);
            byte[] body = DecodedBody.of(ctx).getBytes();
            String user = BearerAuth.user(ctx).subject();
            events = batch ? requests.batch(body, user) : List.of(requests.single(body, user));
        } catch (HttpProblem problem) {
            if (problem.status() == 400) {
                metrics.rejected();
            }
            ctx.fail(problem);
            return;
        }
        publisher.publish(events).onComplete(ar -> {
            if (ar.succeeded()) {
                accepted(ctx, events);
            } else {
                ctx.fail(HttpProblem.unavailable("Kafka could not take the write (" + ar.cause().getMessage()
                        + "); nothing was accepted, retry the same events (same event_id) after " + retryAfterSeconds
                        + "s", retryAfterSeconds));
            }
        });
    }

    private static void requireJson(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mime.equals("application/json")) {
            throw HttpProblem.unsupportedMediaType("Content-Type must be application/json"
                    + (type == null ? " (none was sent)" : ", not " + abbreviate(type)));
        }
    }

    private static void accepted(RoutingContext ctx, List<Event> events) {
        JsonArray ids = new JsonArray();
        events.forEach(e -> ids.add(e.eventId().toString()));
        ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("event_ids", ids).encode());
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    @Override
    public String openApiYaml() {
        try (InputStream in = IngestRoutes.class.getResourceAsStream("/cinema/ugc/ingest/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from ugc-ingest's class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
