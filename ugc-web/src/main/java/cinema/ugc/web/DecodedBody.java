package cinema.ugc.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The request body after {@code Content-Encoding} was undone and size limits enforced by the server (413 over the
 * wire limit or the decoded limit; 400 for corrupt gzip; 415 for an unknown encoding). Never null.
 */
public final class DecodedBody {
    static final String KEY = "ugc.body";

    private DecodedBody() {}

    public static Buffer of(RoutingContext ctx) {
        Buffer body = ctx.get(KEY);
        if (body != null) {
            return body;
        }
        Buffer raw = ctx.body() == null ? null : ctx.body().buffer();
        return raw == null ? Buffer.buffer() : raw;
    }

    static void set(RoutingContext ctx, Buffer body) {
        ctx.put(KEY, body);
    }
}
