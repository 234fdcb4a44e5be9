package cinema.ugc.load.internal;

import cinema.ugc.model.Event;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * One request of the run: one user's events (as the model made them), its token, the body (times moved to
 * {@code sentAtMillis}, see {@code ClientJson.sentAt}) and when it was due. Re-sent unchanged on 503.
 */
record Request(List<Event> events, String bearer, Buffer body, long sentAtMillis, long dueNanos, int attempt) {

    Request due(long nanos) {
        return new Request(events, bearer, body, sentAtMillis, nanos, attempt);
    }

    Request nextAttempt() {
        return new Request(events, bearer, body, sentAtMillis, System.nanoTime(), attempt + 1);
    }
}
