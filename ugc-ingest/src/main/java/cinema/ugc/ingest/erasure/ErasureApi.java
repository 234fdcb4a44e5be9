package cinema.ugc.ingest.erasure;

import cinema.ugc.kafka.erasure.ErasureJournal;
import cinema.ugc.web.BearerAuth;
import cinema.ugc.web.Routes;
import java.time.Clock;
import java.time.Duration;

/**
 * The erasure endpoints, assembled: the journal that records erasures, the view of their statuses and the routes.
 * The erasure topics must exist already ({@code ErasureTopics.ensure} at start-up).
 */
public final class ErasureApi implements AutoCloseable {
    private static final Duration RECORD_TIMEOUT = Duration.ofSeconds(10);

    private final ErasureJournal journal;
    private final ErasureStatusView view;
    private final ErasureRoutes routes;

    private ErasureApi(ErasureJournal journal, ErasureStatusView view, ErasureRoutes routes) {
        this.journal = journal;
        this.view = view;
        this.routes = routes;
    }

    public static ErasureApi create(String bootstrap, BearerAuth auth, int retryAfterSeconds) {
        ErasureJournal journal = new ErasureJournal(bootstrap, RECORD_TIMEOUT);
        ErasureStatusView view = new ErasureStatusView(bootstrap);
        return new ErasureApi(
                journal, view, new ErasureRoutes(auth, journal, view, Clock.systemUTC(), retryAfterSeconds));
    }

    public Routes routes() {
        return routes;
    }

    @Override
    public void close() {
        view.close();
        journal.close();
    }
}
