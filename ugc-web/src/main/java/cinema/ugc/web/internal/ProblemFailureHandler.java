package cinema.ugc.web.internal;

import cinema.ugc.web.HttpProblem;
import cinema.ugc.web.Problems;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns failures into problem+json: {@link HttpProblem}s as they are, Vert.x's own statuses
 * (404, 405, 413 from the body limit...) with a human detail, anything else as a 500 without internals.
 */
public final class ProblemFailureHandler implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(ProblemFailureHandler.class);

    private final int maxBodyBytes;

    public ProblemFailureHandler(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Problems.write(ctx, toProblem(ctx));
    }

    private HttpProblem toProblem(RoutingContext ctx) {
        if (ctx.failure() instanceof HttpProblem problem) {
            return problem;
        }
        if (ctx.failure() instanceof HttpClosedException || ctx.failure() instanceof IOException) {
            // The client went away (closed or reset the connection) mid-request: nobody is left to answer.
            log.warn(
                    "the client closed the connection before {} {} was read in full: {}",
                    ctx.request().method(),
                    ctx.request().path(),
                    ctx.failure().toString());
            return HttpProblem.badRequest("the connection closed before the request was complete");
        }
        if (isFramingError(ctx.failure())) {
            // The client's bytes are not HTTP (e.g. a bad chunk size): its fault, not ours, so no stack trace.
            log.warn(
                    "malformed HTTP request on {} {}: {}",
                    ctx.request().method(),
                    ctx.request().path(),
                    ctx.failure().toString());
            ctx.response().putHeader("Connection", "close");
            return HttpProblem.badRequest(
                    "malformed HTTP request framing: " + ctx.failure().getMessage());
        }
        int status = ctx.statusCode();
        if (status >= 400 && status < 500) {
            return new HttpProblem(status, HttpResponseStatus.valueOf(status).reasonPhrase(), detail(ctx, status));
        }
        RequestIds.log(
                ctx,
                () -> log.error(
                        "unhandled failure on {} {}",
                        ctx.request().method(),
                        ctx.request().path(),
                        ctx.failure()));
        return new HttpProblem(
                500, "Internal Server Error", "the server failed to handle this request; it has been logged");
    }

    /** Netty's HTTP decoder rejected the bytes; Vert.x hands its cause to the request as is. */
    static boolean isFramingError(Throwable failure) {
        if (failure == null) {
            return false;
        }
        if (failure instanceof DecoderException) {
            return true;
        }
        StackTraceElement[] stack = failure.getStackTrace();
        return stack.length > 0 && stack[0].getClassName().startsWith("io.netty.handler.codec.http.");
    }

    private String detail(RoutingContext ctx, int status) {
        String path = ctx.request().path();
        return switch (status) {
            case 404 -> "no resource at " + path + "; see GET /openapi.yaml";
            case 405 -> "method " + ctx.request().method() + " is not allowed on " + path;
            case 413 -> "the request body exceeds " + maxBodyBytes + " bytes";
            case 415 -> "unsupported Content-Type; send application/json";
            default ->
                ctx.failure() != null && ctx.failure().getMessage() != null
                        ? ctx.failure().getMessage()
                        : HttpResponseStatus.valueOf(status).reasonPhrase();
        };
    }
}
