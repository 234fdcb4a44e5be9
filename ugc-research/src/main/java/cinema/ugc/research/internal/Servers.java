package cinema.ugc.research.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class Servers {
    private static final Logger log = LoggerFactory.getLogger(Servers.class);

    private Servers() {}

    static void stopQuietly(AutoCloseable server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (Exception e) {
            log.warn("stopping {} failed: {}", server, e.toString());
        }
    }
}
