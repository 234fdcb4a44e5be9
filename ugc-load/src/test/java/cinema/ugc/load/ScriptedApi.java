package cinema.ugc.load;

import cinema.ugc.model.Event;
import cinema.ugc.model.EventParser;
import cinema.ugc.model.ValidationRules;
import cinema.ugc.web.BearerAuth;
import cinema.ugc.web.DecodedBody;
import cinema.ugc.web.HttpProblem;
import cinema.ugc.web.Routes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server-side stand-in for the parts of the pipeline the load generator's client behaviour is tested against,
 * served by the real {@code ugc-web} server with real token checks and the real {@link EventParser}: the first
 * {@code unavailable} batches are refused with 503 + Retry-After (as ingest does when Kafka is down), and an accepted
 * event becomes readable through {@code GET /api/v1/me/events} only {@code visibleAfterMs} after its 202 was written
 * (like the ETL lag). The clock starts when the response is out, on the monotonic clock: started before the 202 or
 * compared in truncated wall-clock milliseconds, events showed up a few ms "early" to a client that starts its clock
 * on receiving the 202.
 */
final class ScriptedApi implements Routes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BearerAuth auth;
    private final EventParser parser = new EventParser(ValidationRules.DEFAULT, Clock.systemUTC());
    private final AtomicInteger unavailable;
    private final long visibleAfterMs;
    private final Map<String, List<Stored>> byUser = new ConcurrentHashMap<>();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger unfilteredReads = new AtomicInteger();
    /** Refuse with 429 (the user's rate limit) instead of 503; both carry Retry-After and write nothing. */
    volatile boolean rateLimited;
    /** How long each accepted batch waits before its 202 goes out (a slow server); 0: answered at once. */
    volatile long answerDelayMs;

    /** @param visibleAtNanos {@link System#nanoTime()} from which the event is readable; MAX_VALUE before its 202 */
    private record Stored(Event event, AtomicLong visibleAtNanos) {}

    ScriptedApi(BearerAuth auth, int unavailable, long visibleAfterMs) {
        this.auth = auth;
        this.unavailable = new AtomicInteger(unavailable);
        this.visibleAfterMs = visibleAfterMs;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/v1/events/batch").handler(auth).handler(this::batch);
        router.get("/api/v1/me/events").handler(auth).handler(this::mine);
    }

    private void batch(RoutingContext ctx) {
        if (unavailable.getAndDecrement() > 0) {
            refused.incrementAndGet();
            ctx.fail(
                    rateLimited
                            ? HttpProblem.tooManyRequests("scripted rate limit", 1)
                            : HttpProblem.unavailable("scripted outage", 1));
            return;
        }
        String user = BearerAuth.user(ctx).subject();
        ArrayNode ids = JSON.createArrayNode();
        AtomicLong visibleAt = new AtomicLong(Long.MAX_VALUE);
        for (JsonNode node : read(ctx)) {
            Event e = parser.parse(node, user);
            byUser.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>()).add(new Stored(e, visibleAt));
            ids.add(e.eventId().toString());
        }
        if (answerDelayMs > 0) {
            ctx.vertx().setTimer(answerDelayMs, t -> accepted(ctx, ids, visibleAt));
        } else {
            accepted(ctx, ids, visibleAt);
        }
    }

    private void accepted(RoutingContext ctx, ArrayNode ids, AtomicLong visibleAt) {
        ctx.response()
                .setStatusCode(202)
                .putHeader("Content-Type", "application/json")
                .end(JSON.createObjectNode().set("event_ids", ids).toString())
                .onComplete(written -> visibleAt.set(System.nanoTime() + visibleAfterMs * 1_000_000));
    }

    private static boolean isVisible(Stored s, long nowNanos) {
        long at = s.visibleAtNanos().get();
        return at != Long.MAX_VALUE && nowNanos - at >= 0;
    }

    private void mine(RoutingContext ctx) {
        long now = System.nanoTime();
        String action = ctx.queryParams().get("action");
        String film = ctx.queryParams().get("film_id");
        if (action == null || film == null) {
            unfilteredReads.incrementAndGet();
        }
        ArrayNode events = JSON.createArrayNode();
        byUser.getOrDefault(BearerAuth.user(ctx).subject(), List.of()).stream()
                .filter(s -> isVisible(s, now))
                .filter(s -> action == null || s.event().action().name().equals(action))
                .filter(s -> film == null || film.equals(s.event().filmId()))
                .forEach(s -> events.add(JSON.createObjectNode()
                        .put("event_id", s.event().eventId().toString())));
        ObjectNode body = JSON.createObjectNode().set("events", events);
        ctx.response().putHeader("Content-Type", "application/json").end(body.toString());
    }

    private static JsonNode read(RoutingContext ctx) {
        try {
            return JSON.readTree(DecodedBody.of(ctx).getBytes());
        } catch (IOException e) {
            throw HttpProblem.badRequest("not JSON");
        }
    }

    int stored() {
        return byUser.values().stream().mapToInt(List::size).sum();
    }
}
