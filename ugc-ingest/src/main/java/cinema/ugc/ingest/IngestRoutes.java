package cinema.ugc.ingest;

import cinema.ugc.ingest.internal.EventRequests;
import cinema.ugc.model.Event;
import cinema.ugc.web.BearerAuth;
import cinema.ugc.web.DecodedBody;
import cinema.ugc.web.HttpProblem;
import cinema.ugc.web.Routes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /api/v1/events}, {@code POST /api/v1/events/batch} and {@code POST /api/v1/events/beacon}: authenticate,
 * validate, check the user's rate limit, publish, and answer 202 with the event ids only once Kafka acknowledged
 * every event (503 + Retry-After otherwise; 429 + Retry-After over the rate limit, nothing written).
 *
 * <p>The beacon endpoint is the batch endpoint for {@code navigator.sendBeacon}, which can set neither a header nor
 * a non-safelisted type: the token travels in the body (never the URL, which access logs keep), the body may be
 * {@code text/plain}, and it is capped at the browsers' 64 KiB keep-alive budget (docs/adr/0009).
 */
public final class IngestRoutes implements Routes {
    public static final String SINGLE = "/api/v1/events";
    public static final String BATCH = "/api/v1/events/batch";
    public static final String BEACON = "/api/v1/events/beacon";
    /** What browsers let a page send with sendBeacon / fetch keepalive, all such requests together. */
    public static final int BEACON_MAX_BYTES = 64 * 1024;

    /**
     * The 202's header name and value, encoded once for every response rather than validated and encoded per response
     * (Vert.x's HttpHeaders.createOptimized; docs/benchmarks.md, "Ingest CPU per request").
     */
    private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");

    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
    private static final byte[] ACCEPTED_OPEN = "{\"event_ids\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACCEPTED_CLOSE = "]}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] QUOTE = {'"'};
    private static final byte[] COMMA_QUOTE = {',', '"'};

    private final BearerAuth auth;
    private final EventRequests requests;
    private final EventPublisher publisher;
    private final IngestMetrics metrics;
    private final int retryAfterSeconds;
    private final UserRateLimit limit;

    public IngestRoutes(
            BearerAuth auth,
            EventRequests requests,
            EventPublisher publisher,
            IngestMetrics metrics,
            int retryAfterSeconds,
            UserRateLimit limit) {
        this.auth = auth;
        this.requests = requests;
        this.publisher = publisher;
        this.metrics = metrics;
        this.retryAfterSeconds = retryAfterSeconds;
        this.limit = limit;
    }

    @Override
    public void mount(Router router) {
        router.post(SINGLE).handler(auth).handler(this::single);
        router.post(BATCH).handler(auth).handler(this::batch);
        router.post(BEACON).handler(this::beacon);
    }

    private void single(RoutingContext ctx) {
        handle(ctx, false);
    }

    private void batch(RoutingContext ctx) {
        handle(ctx, true);
    }

    private void handle(RoutingContext ctx, boolean batch) {
        List<Event> events;
        String user;
        try {
            requireJson(ctx);
            byte[] body = DecodedBody.of(ctx).getBytes();
            user = BearerAuth.user(ctx).subject();
            events = batch ? requests.batch(body, user) : List.of(requests.single(body, user));
        } catch (HttpProblem problem) {
            fail(ctx, problem);
            return;
        }
        publish(ctx, batch ? BATCH : SINGLE, user, events);
    }

    private void beacon(RoutingContext ctx) {
        EventRequests.Beacon beacon;
        try {
            requireBeaconType(ctx);
            byte[] body = DecodedBody.of(ctx).getBytes();
            if (body.length > BEACON_MAX_BYTES) {
                throw HttpProblem.tooLarge("a beacon body is at most " + BEACON_MAX_BYTES + " bytes (this one has "
                        + body.length + "); send the rest in another beacon or through " + BATCH);
            }
            beacon = requests.beacon(body);
        } catch (HttpProblem problem) {
            fail(ctx, problem);
            return;
        }
        auth.verify(beacon.token()).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            String user = ar.result().subject();
            try {
                publish(ctx, BEACON, user, requests.events(beacon.events(), user));
            } catch (HttpProblem problem) {
                fail(ctx, problem);
            }
        });
    }

    private void fail(RoutingContext ctx, HttpProblem problem) {
        if (problem.status() == 400) {
            metrics.rejected();
        }
        ctx.fail(problem);
    }

    private void publish(RoutingContext ctx, String route, String user, List<Event> events) {
        try {
            limit.admit(user, events.size());
        } catch (HttpProblem problem) {
            metrics.rateLimited(route);
            ctx.fail(problem);
            return;
        }
        publisher.publish(events).onComplete(ar -> {
            if (ar.succeeded()) {
                accepted(ctx, events);
            } else {
                ctx.fail(HttpProblem.unavailable(
                        "Kafka could not take the write (" + ar.cause().getMessage()
                                + "); nothing was accepted, retry the same events (same event_id) after "
                                + retryAfterSeconds
                                + "s",
                        retryAfterSeconds));
            }
        });
    }

    /** sendBeacon sends a string as text/plain, the only safelisted type that carries JSON without a preflight. */
    private static void requireBeaconType(RoutingContext ctx) {
        String mime = mime(ctx);
        if (!mime.equals("text/plain") && !mime.equals("application/json")) {
            String type = ctx.request().getHeader("Content-Type");
            throw HttpProblem.unsupportedMediaType("Content-Type must be text/plain or application/json"
                    + (type == null ? " (none was sent)" : ", not " + abbreviate(type)));
        }
    }

    private static String mime(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        return type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    private static void requireJson(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (!mime(ctx).equals("application/json")) {
            throw HttpProblem.unsupportedMediaType("Content-Type must be application/json"
                    + (type == null ? " (none was sent)" : ", not " + abbreviate(type)));
        }
    }

    private static void accepted(RoutingContext ctx, List<Event> events) {
        ctx.response()
                .setStatusCode(202)
                .putHeader(CONTENT_TYPE, APPLICATION_JSON)
                .end(acceptedBody(events));
    }

    /**
     * {@code {"event_ids":[...]}}, written directly as bytes rather than through a JSON tree and Jackson, because it is
     * every request's answer and a UUID's canonical text (hex digits and dashes) needs no escaping; built as a Buffer,
     * not a String that Vert.x would encode again (docs/benchmarks.md, "Ingest CPU per request").
     */
    static Buffer acceptedBody(List<Event> events) {
        Buffer json = Buffer.buffer(16 + 39 * events.size()).appendBytes(ACCEPTED_OPEN);
        for (int i = 0; i < events.size(); i++) {
            json.appendBytes(i == 0 ? QUOTE : COMMA_QUOTE)
                    .appendString(events.get(i).eventId().toString(), "US-ASCII")
                    .appendBytes(QUOTE);
        }
        return json.appendBytes(ACCEPTED_CLOSE);
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
