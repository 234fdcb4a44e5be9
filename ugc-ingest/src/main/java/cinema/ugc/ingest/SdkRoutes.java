package cinema.ugc.ingest;

import cinema.ugc.web.Routes;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The browser SDK, {@code GET /sdk/ugc.js} (a classic script defining {@code UGC}) and {@code GET /sdk/ugc.mjs} (the
 * same as an ES module), served from the class path. Cached for a day and revalidated by ETag. Any origin may load
 * them ({@code Access-Control-Allow-Origin: *}): a module script is fetched in CORS mode, and the files are public.
 */
public final class SdkRoutes implements Routes {
    public static final String SCRIPT = "/sdk/ugc.js";
    public static final String MODULE = "/sdk/ugc.mjs";
    private static final String BASE = "/cinema/ugc/ingest/sdk/";

    private final Asset script = Asset.load("ugc.js");
    private final Asset module = Asset.load("ugc.mjs");

    @Override
    public void mount(Router router) {
        router.get(SCRIPT).handler(ctx -> serve(ctx, script));
        router.get(MODULE).handler(ctx -> serve(ctx, module));
    }

    /** The SDK's source, as served. */
    public static String source() {
        return Asset.load("ugc.js").body.toString();
    }

    private static void serve(RoutingContext ctx, Asset asset) {
        ctx.response()
                .putHeader("Content-Type", "text/javascript; charset=utf-8")
                .putHeader("Cache-Control", "public, max-age=86400")
                .putHeader("ETag", asset.etag)
                .putHeader("Access-Control-Allow-Origin", "*")
                .putHeader("X-Content-Type-Options", "nosniff");
        if (asset.etag.equals(ctx.request().getHeader("If-None-Match"))) {
            ctx.response().setStatusCode(304).end();
        } else {
            ctx.response().end(asset.body.copy());
        }
    }

    private record Asset(Buffer body, String etag) {
        static Asset load(String name) {
            try (InputStream in = SdkRoutes.class.getResourceAsStream(BASE + name)) {
                if (in == null) {
                    throw new IllegalStateException("SDK file missing from the class path: " + name);
                }
                byte[] bytes = in.readAllBytes();
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
                return new Asset(Buffer.buffer(bytes), "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
