package cinema.ugc.web;

import cinema.ugc.model.config.Env;
import cinema.ugc.model.config.Setting;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of a process: where it listens and how much a request may carry.
 *
 * @param port                 TCP port; 0 picks a free one (tests)
 * @param instances            event-loop instances serving the port (the server is shared between them)
 * @param maxBodyBytes         largest request body on the wire (compressed or not); larger is a 413
 * @param maxDecodedBodyBytes  largest body after {@code Content-Encoding: gzip} is undone; larger is a 413
 */
public record WebSettings(String host, int port, int instances, int maxBodyBytes, int maxDecodedBodyBytes) {
    private static final Logger log = LoggerFactory.getLogger(WebSettings.class);
    static final String LOOPBACK = "127.0.0.1";

    public static final Setting<String> HOST = Setting.string(
            "UGC_HTTP_HOST",
            "0.0.0.0",
            "Address the HTTP server binds to. With neither UGC_JWT_SECRET nor UGC_JWT_PUBLIC_KEY set, the default is "
                    + "127.0.0.1 (loopback only); setting it then exposes the generated secret's API, with a warning.");
    public static final Setting<Integer> PORT = Setting.integer(
            "UGC_HTTP_PORT",
            8080,
            0,
            65535,
            "Port of the HTTP API (ingest, read API, health, metrics, OpenAPI); 0 picks a free port.");
    public static final Setting<Integer> INSTANCES =
            Setting.integer("UGC_HTTP_INSTANCES", 0, 0, 64, "Event loops serving the HTTP port; 0 = one per core.");
    public static final Setting<Integer> MAX_BODY_BYTES = Setting.integer(
            "UGC_MAX_BODY_BYTES",
            1_048_576,
            1024,
            64 * 1_048_576,
            "Largest request body accepted on the wire, in bytes; larger is a 413.");
    public static final Setting<Integer> MAX_DECODED_BODY_BYTES = Setting.integer(
            "UGC_MAX_DECODED_BODY_BYTES",
            1_048_576,
            1024,
            64 * 1_048_576,
            "Largest request body after gzip decompression, in bytes; larger is a 413 (a gzip bomb never fills memory).");

    public static final List<Setting<?>> SETTINGS =
            List.of(HOST, PORT, INSTANCES, MAX_BODY_BYTES, MAX_DECODED_BODY_BYTES);

    public WebSettings {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1");
        }
    }

    /**
     * Where to listen given how tokens are checked: an installation on its generated secret (nobody configured
     * authentication) is reachable from this machine only, unless UGC_HTTP_HOST says otherwise — then loudly.
     */
    public static WebSettings from(Env env, JwtSettings jwt) {
        WebSettings settings = from(env);
        if (!jwt.generatedSecret()) {
            return settings;
        }
        if (env.raw(HOST.key()).filter(h -> !h.isBlank()).isEmpty()) {
            return settings.withHost(LOOPBACK);
        }
        log.warn(
                "UGC_HTTP_HOST={} exposes this API beyond this machine while it trusts tokens of its GENERATED secret "
                        + "({}): anyone who can read that file can mint tokens. Set UGC_JWT_SECRET or UGC_JWT_PUBLIC_KEY of your "
                        + "Auth service for any shared deployment.",
                settings.host(),
                jwt.generatedSecretFile());
        return settings;
    }

    /** The settings as configured, without regard to authentication; see {@link #from(Env, JwtSettings)}. */
    public static WebSettings from(Env env) {
        int instances = env.get(INSTANCES);
        return new WebSettings(
                env.get(HOST),
                env.get(PORT),
                instances == 0 ? Runtime.getRuntime().availableProcessors() : instances,
                env.get(MAX_BODY_BYTES),
                env.get(MAX_DECODED_BODY_BYTES));
    }

    /** Loopback, a free port, one instance, 1 MiB limits: what tests use. */
    public static WebSettings forTests() {
        return new WebSettings("127.0.0.1", 0, 1, 1_048_576, 1_048_576);
    }

    public WebSettings withHost(String newHost) {
        return new WebSettings(newHost, port, instances, maxBodyBytes, maxDecodedBodyBytes);
    }

    public WebSettings withPort(int newPort) {
        return new WebSettings(host, newPort, instances, maxBodyBytes, maxDecodedBodyBytes);
    }
}
