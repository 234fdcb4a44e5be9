package cinema.ugc.web;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * A condition {@code GET /health/ready} requires (Kafka answers, the topic exists, the store is reachable...), or,
 * given to {@link WebServer.Builder#liveness}, one {@code GET /health/live} requires. {@link #check} must not block;
 * it is given a few seconds before it counts as failed.
 */
public interface Readiness {

    String name();

    /** Succeeds when ready; a failure's message says what is wrong. */
    Future<Void> check();

    static Readiness of(String name, Supplier<Future<Void>> check) {
        return new Readiness() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Future<Void> check() {
                return check.get();
            }
        };
    }
}
