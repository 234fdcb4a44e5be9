package cinema.ugc.web.internal;

import cinema.ugc.model.RandomUuids;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a plain token (a load balancer's or a
 * client's, so one id follows the request through both logs), otherwise a new random UUID ({@link RandomUuids}:
 * unique, not secret). Echoed in the response's {@code X-Request-Id}; log lines about the request carry it as
 * {@code request_id} (see {@link #log}).
 */
public final class RequestIds implements Handler<RoutingContext> {
    public static final String HEADER = "X-Request-Id";
    /** MDC key, so JSON logs show it as a field. */
    public static final String MDC_KEY = "request_id";

    /** Encoded once rather than per response (HttpHeaders.createOptimized; docs/benchmarks.md, "Ingest CPU per request"). */
    private static final CharSequence HEADER_NAME = HttpHeaders.createOptimized(HEADER);

    private static final String KEY = RequestIds.class.getName();
    // anything else (too long, spaces, quotes, control characters) could forge log fields; it is replaced
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public void handle(RoutingContext ctx) {
        String given = ctx.request().getHeader(HEADER);
        String id = given != null && ACCEPTED.matcher(given).matches()
                ? given
                : RandomUuids.next().toString();
        ctx.put(KEY, id);
        ctx.response().putHeader(HEADER_NAME, id);
        ctx.next();
    }

    /** The request's id, or null before this handler ran. */
    public static String of(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    /**
     * Runs {@code logging} with the request's id in the MDC. Vert.x runs a request's handlers on an event loop that
     * serves many requests, so the id is set only around the logging call, never left behind.
     */
    public static void log(RoutingContext ctx, Runnable logging) {
        String id = of(ctx);
        if (id == null) {
            logging.run();
            return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, id)) {
            logging.run();
        }
    }
}
