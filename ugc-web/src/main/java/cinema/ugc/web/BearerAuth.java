package cinema.ugc.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Route handler that admits only requests with a valid {@code Authorization: Bearer <jwt>}; the verified caller is
 * then available to later handlers through {@link #user(RoutingContext)}. Failures are 401 problems. Tokens are
 * never logged.
 */
public final class BearerAuth implements Handler<RoutingContext> {
    private static final String USER_KEY = "ugc.user";
    private static final String PREFIX = "bearer ";

    private final JwtVerifier verifier;

    public BearerAuth(JwtVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null) {
            ctx.fail(HttpProblem.unauthorized("missing Authorization header; send 'Authorization: Bearer <token>'"));
            return;
        }
        if (header.length() <= PREFIX.length() || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            ctx.fail(HttpProblem.unauthorized("malformed Authorization header; expected 'Bearer <token>'"));
            return;
        }
        verifier.verify(header.substring(PREFIX.length()).trim()).onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.put(USER_KEY, ar.result());
                ctx.next();
            } else {
                ctx.fail(ar.cause());
            }
        });
    }

    /** Verifies a token that came some other way than the header (the beacon's body); fails with a 401 problem. */
    public Future<AuthenticatedUser> verify(String token) {
        return verifier.verify(token);
    }

    /** A handler, placed after this one, that admits only callers holding {@code role} (403 otherwise). */
    public static Handler<RoutingContext> requireRole(String role) {
        return ctx -> {
            if (user(ctx).hasRole(role)) {
                ctx.next();
            } else {
                ctx.fail(HttpProblem.forbidden("this resource requires the role '" + role + "'"));
            }
        };
    }

    /** The caller verified by a {@link BearerAuth} earlier in the route. */
    public static AuthenticatedUser user(RoutingContext ctx) {
        AuthenticatedUser user = ctx.get(USER_KEY);
        if (user == null) {
            throw new IllegalStateException("route has no BearerAuth before this handler");
        }
        return user;
    }
}
