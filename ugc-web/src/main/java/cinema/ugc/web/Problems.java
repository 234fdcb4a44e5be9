package cinema.ugc.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes {@link HttpProblem}s as {@code application/problem+json}. */
public final class Problems {
    public static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {}

    public static Future<Void> write(RoutingContext ctx, HttpProblem problem) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            return Future.succeededFuture();
        }
        response.setStatusCode(problem.status()).putHeader("Content-Type", CONTENT_TYPE);
        problem.headers().forEach(response::putHeader);
        return response.end(body(problem, ctx.request().path()).encode());
    }

    public static JsonObject body(HttpProblem problem, String instance) {
        JsonObject body = new JsonObject()
                .put("type", "about:blank")
                .put("title", problem.title())
                .put("status", problem.status())
                .put("detail", problem.detail());
        if (instance != null) {
            body.put("instance", instance);
        }
        problem.extensions().forEach(body::put);
        return body;
    }
}
