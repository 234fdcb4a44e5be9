package cinema.ugc.ingest.erasure;

import cinema.ugc.kafka.erasure.ErasureJournal;
import cinema.ugc.kafka.erasure.ErasureRequest;
import cinema.ugc.kafka.erasure.ErasureStatus;
import cinema.ugc.web.AuthenticatedUser;
import cinema.ugc.web.BearerAuth;
import cinema.ugc.web.HttpProblem;
import cinema.ugc.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasure of a user's history: {@code DELETE /api/v1/me/events} (the caller's own), {@code DELETE
 * /api/v1/users/{user_id}/events} (role {@value #PRIVACY}) and {@code GET /api/v1/erasures/{id}} (the requester, or
 * role {@value #PRIVACY}). A 202 is answered only after Kafka acknowledged the erasure (acks=all): from then on the
 * ETL cannot store the user's earlier events and deletes the stored ones.
 */
public final class ErasureRoutes implements Routes {
    /** The role that may erase anyone's history and read any erasure (in the claim named by UGC_JWT_ROLE_CLAIM). */
    public static final String PRIVACY = "privacy";

    public static final String ERASURES = "/api/v1/erasures/";
    private static final Logger LOG = LoggerFactory.getLogger(ErasureRoutes.class);
    private static final int MAX_USER_ID = 256;

    private final BearerAuth auth;
    private final ErasureJournal journal;
    private final ErasureStatusView view;
    private final Clock clock;
    private final int retryAfterSeconds;

    public ErasureRoutes(
            BearerAuth auth, ErasureJournal journal, ErasureStatusView view, Clock clock, int retryAfterSeconds) {
        this.auth = auth;
        this.journal = journal;
        this.view = view;
        this.clock = clock;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public void mount(Router router) {
        router.delete("/api/v1/me/events").handler(auth).handler(this::eraseOwn);
        router.delete("/api/v1/users/:user_id/events")
                .handler(auth)
                .handler(BearerAuth.requireRole(PRIVACY))
                .handler(this::eraseAny);
        router.get(ERASURES + ":erasure_id").handler(auth).handler(this::status);
    }

    private void eraseOwn(RoutingContext ctx) {
        AuthenticatedUser caller = BearerAuth.user(ctx);
        erase(ctx, caller.subject(), caller.subject());
    }

    private void eraseAny(RoutingContext ctx) {
        String user = ctx.pathParam("user_id");
        if (!validUserId(user)) {
            ctx.fail(HttpProblem.badRequest("user_id must be 1 to " + MAX_USER_ID
                    + " characters without control characters or surrounding spaces"));
            return;
        }
        erase(ctx, user, BearerAuth.user(ctx).subject());
    }

    static boolean validUserId(String id) {
        return id != null
                && !id.isEmpty()
                && id.length() <= MAX_USER_ID
                && id.strip().equals(id)
                && id.chars().noneMatch(Character::isISOControl);
    }

    /** The pending status first, then the request: the ETL's "done" can only ever follow our "pending". */
    private void erase(RoutingContext ctx, String user, String requester) {
        ErasureRequest request = ErasureRequest.now(user, requester, clock.instant());
        ErasureStatus pending =
                ErasureStatus.pending(request, "waiting for the ETL to delete the stored rows", request.requestedAt());
        ctx.vertx()
                .executeBlocking(
                        () -> {
                            journal.record(pending);
                            journal.record(request);
                            return null;
                        },
                        false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        ctx.fail(HttpProblem.unavailable(
                                "Kafka did not record the erasure; nothing was promised, retry after "
                                        + retryAfterSeconds + "s",
                                retryAfterSeconds));
                        return;
                    }
                    view.put(pending);
                    LOG.info("erasure {} recorded: user {} requested by {}", request.erasureId(), user, requester);
                    ctx.response()
                            .setStatusCode(202)
                            .putHeader("Location", ERASURES + request.erasureId())
                            .putHeader("Content-Type", "application/json")
                            .end(pending.toNode().toString());
                });
    }

    private void status(RoutingContext ctx) {
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("erasure_id"));
        } catch (IllegalArgumentException e) {
            ctx.fail(HttpProblem.badRequest("erasure_id must be a UUID"));
            return;
        }
        AuthenticatedUser caller = BearerAuth.user(ctx);
        ErasureStatus status = view.get(id).orElse(null);
        boolean privileged = caller.hasRole(PRIVACY);
        if (status == null) {
            // a caller without the role learns nothing about other people's erasure ids: 404 either way
            ctx.fail(new HttpProblem(404, "Not Found", "no erasure " + id + " is known (yet)"));
        } else if (!privileged && !status.request().requester().equals(caller.subject())) {
            ctx.fail(HttpProblem.forbidden("only the requester or the role '" + PRIVACY + "' may read this erasure"));
        } else {
            ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .end(status.toNode().toString());
        }
    }

    @Override
    public String openApiYaml() {
        try (InputStream in = ErasureRoutes.class.getResourceAsStream("/cinema/ugc/ingest/openapi-erasure.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi-erasure.yaml is missing from ugc-ingest's class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
