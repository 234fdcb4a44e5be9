package cinema.ugc.web;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Undoes {@code Content-Encoding: gzip} with a hard cap on the decompressed size: inflation stops one byte past the
 * limit, so a gzip bomb costs at most that much memory and CPU and answers 413. Runs after Vert.x's BodyHandler
 * (which caps the wire size); the server's own HTTP decompression is off so that this cap is the only path.
 */
final class BodyDecoder implements Handler<RoutingContext> {
    private final int maxDecodedBytes;

    BodyDecoder(int maxDecodedBytes) {
        this.maxDecodedBytes = maxDecodedBytes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String encoding = ctx.request().getHeader("Content-Encoding");
        if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
            ctx.next();
            return;
        }
        String normalized = encoding.trim().toLowerCase(Locale.ROOT);
        if (!normalized.equals("gzip") && !normalized.equals("x-gzip")) {
            ctx.fail(HttpProblem.unsupportedMediaType(
                    "Content-Encoding '" + abbreviate(encoding) + "' is not supported; send gzip or no encoding"));
            return;
        }
        try {
            DecodedBody.set(ctx, gunzip(DecodedBody.of(ctx)));
            ctx.next();
        } catch (HttpProblem problem) {
            ctx.fail(problem);
        }
    }

    private Buffer gunzip(Buffer compressed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxDecodedBytes, compressed.length() * 8 + 64));
        byte[] chunk = new byte[16 * 1024];
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed.getBytes()), chunk.length)) {
            for (int n; (n = in.read(chunk)) > 0; ) {
                out.write(chunk, 0, n);
                if (out.size() > maxDecodedBytes) {
                    throw HttpProblem.tooLarge("the decompressed request body exceeds " + maxDecodedBytes + " bytes");
                }
            }
        } catch (IOException e) {
            throw HttpProblem.badRequest("the request body is not valid gzip: " + e.getMessage());
        }
        return Buffer.buffer(out.toByteArray());
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
