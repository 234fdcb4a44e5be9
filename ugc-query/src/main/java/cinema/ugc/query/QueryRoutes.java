package cinema.ugc.query;

import cinema.ugc.model.Action;
import cinema.ugc.query.internal.EventsCursor;
import cinema.ugc.query.internal.EventsPage;
import cinema.ugc.query.internal.FilmStats;
import cinema.ugc.query.internal.Json;
import cinema.ugc.query.internal.Overview;
import cinema.ugc.query.internal.Params;
import cinema.ugc.store.EventQueries;
import cinema.ugc.store.StoreException;
import cinema.ugc.web.BearerAuth;
import cinema.ugc.web.HttpProblem;
import cinema.ugc.web.Routes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read API: a signed-in user's own progress and events, and analyst-only statistics. Mounted into the one HTTP
 * server behind its JWT handler; store calls are blocking, so they run on the worker pool, never on the event loop.
 */
public final class QueryRoutes implements Routes {
    /** The role a token needs for {@code /api/v1/stats/*} (in the claim named by UGC_JWT_ROLE_CLAIM). */
    public static final String ANALYST = "analyst";

    private static final Logger LOG = LoggerFactory.getLogger(QueryRoutes.class);
    static final Duration MAX_RANGE = Duration.ofDays(31);
    static final Duration DEFAULT_RANGE = Duration.ofHours(24);

    private final EventQueries queries;
    private final BearerAuth auth;
    private final Clock clock;
    private final StatusView status;
    private final Dashboard dashboard = new Dashboard();

    /**
     * @param storeName shown on the dashboard, e.g. {@link cinema.ugc.store.EventStore#describe()}
     * @param probe     the in-process ingest and ETL figures, {@link PipelineProbe#NONE} when there are none
     */
    public QueryRoutes(EventQueries queries, BearerAuth auth, PipelineProbe probe, String storeName, Clock clock) {
        this.queries = queries;
        this.auth = auth;
        this.clock = clock;
        this.status = new StatusView(queries, probe, storeName, clock);
    }

    @Override
    public void mount(Router router) {
        dashboard.mount(router);
        router.route("/api/v1/me/*").handler(auth);
        router.route("/api/v1/stats/*").handler(auth).handler(BearerAuth.requireRole(ANALYST));
        router.get("/api/v1/me/progress/:film_id").handler(this::progress);
        router.get("/api/v1/me/events").handler(this::userEvents);
        router.get("/api/v1/stats/status").handler(this::status);
        router.get("/api/v1/stats/overview").handler(this::overview);
        router.get("/api/v1/stats/films/top").handler(this::topFilms);
        router.get("/api/v1/stats/films/:film_id").handler(this::film);
    }

    @Override
    public String openApiYaml() {
        try (var in = QueryRoutes.class.getResourceAsStream("/cinema/ugc/query/openapi-query.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi-query.yaml is missing from the class path");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void progress(RoutingContext ctx) {
        String user = subject(ctx);
        String film = Params.filmId("film_id", ctx.pathParam("film_id"));
        blocking(
                ctx,
                () -> queries.resumePosition(user, film)
                        .map(Json::progress)
                        .orElseThrow(() -> new HttpProblem(
                                404, "Not Found", "user has no FILM_PROGRESS event for film '" + film + "'")));
    }

    private void userEvents(RoutingContext ctx) {
        String user = subject(ctx);
        int limit = Params.limit("limit", ctx.queryParams().get("limit"), 50, 1, 500);
        EventsCursor cursor = EventsCursor.parse(
                ctx.queryParams().get("before"), clock.instant().plus(1, ChronoUnit.DAYS));
        String film = ctx.queryParams().get("film_id");
        EventQueries.EventFilter filter = new EventQueries.EventFilter(
                Params.action("action", ctx.queryParams().get("action"), null),
                film == null ? null : Params.filmId("film_id", film));
        blocking(ctx, () -> Json.eventsPage(EventsPage.read(queries, user, filter, cursor, limit), filter, limit));
    }

    private void status(RoutingContext ctx) {
        blocking(ctx, status::read);
    }

    private void overview(RoutingContext ctx) {
        Instant to = Params.instant("to", ctx.queryParams().get("to"), clock.instant());
        Instant from = Params.instant("from", ctx.queryParams().get("from"), to.minus(DEFAULT_RANGE));
        Params.range(from, to, MAX_RANGE);
        blocking(ctx, () -> Overview.read(queries, from, to));
    }

    private void topFilms(RoutingContext ctx) {
        Action action = Params.action("action", ctx.queryParams().get("action"), Action.VIEW);
        int limit = Params.limit("limit", ctx.queryParams().get("limit"), 10, 1, 100);
        Instant to = Params.instant(
                "to", ctx.queryParams().get("to"), clock.instant().plus(1, ChronoUnit.DAYS));
        Instant from = Params.instant(
                "from", ctx.queryParams().get("from"), to.minus(DEFAULT_RANGE).minus(1, ChronoUnit.DAYS));
        Params.range(from, to, MAX_RANGE);
        blocking(
                ctx,
                () -> new JsonObject()
                        .put("action", action.name())
                        .put("from", Json.instant(from))
                        .put("to", Json.instant(to))
                        .put("films", Json.counts(queries.topFilms(action, from, to, limit), "film_id")));
    }

    private void film(RoutingContext ctx) {
        String film = Params.filmId("film_id", ctx.pathParam("film_id"));
        blocking(ctx, () -> FilmStats.read(queries, film));
    }

    private static String subject(RoutingContext ctx) {
        return BearerAuth.user(ctx).subject();
    }

    /** Runs a store call on the worker pool and answers its JSON, or the problem it failed with. */
    private static void blocking(RoutingContext ctx, Callable<JsonObject> call) {
        ctx.vertx().executeBlocking(call, false).onComplete(result -> {
            if (result.succeeded()) {
                ctx.response()
                        .putHeader("Content-Type", "application/json")
                        .end(result.result().encode());
            } else {
                ctx.fail(problem(result.cause()));
            }
        });
    }

    static HttpProblem problem(Throwable failure) {
        if (failure instanceof HttpProblem p) {
            return p;
        }
        LOG.warn("read query failed", failure);
        if (failure instanceof StoreException) {
            return HttpProblem.unavailable("the analytics store could not answer; try again shortly", 5);
        }
        return new HttpProblem(500, "Internal Server Error", "the query failed; see the server log");
    }
}
