package cinema.ugc.web;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the process's Vert.x instance on Netty's native epoll transport where it exists (Linux x86-64: the
 * {@code netty-transport-native-epoll} library is on the class path), Java NIO elsewhere. Native epoll serves more
 * single-event requests per second than NIO (paired wrk runs: docs/benchmarks.md#ingest-api): fewer system calls and
 * copies per request, which is most of what a small request costs.
 */
public final class EventLoops {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoops.class);

    private EventLoops() {}

    public static Vertx create() {
        return create(new VertxOptions());
    }

    /** The given options, preferring the native transport. */
    public static Vertx create(VertxOptions options) {
        Vertx vertx = Vertx.vertx(new VertxOptions(options).setPreferNativeTransport(true));
        if (vertx.isNativeTransportEnabled()) {
            LOG.debug("Vert.x on the native epoll transport");
        } else {
            LOG.info(
                    "Vert.x on Java NIO (no native transport here: {})",
                    String.valueOf(vertx.unavailableNativeTransportCause()));
        }
        return vertx;
    }
}
