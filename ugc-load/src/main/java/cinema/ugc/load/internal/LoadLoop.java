package cinema.ugc.load.internal;

import cinema.ugc.load.LoadOptions;
import cinema.ugc.model.Event;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending side of a run: {@code concurrency} lanes, each taking the next request from the feed, waiting for
 * its slot in the pacer's schedule, sending it, and on a 503 re-sending it after Retry-After. Everything runs on one
 * Vert.x event loop, so the counters need no locks.
 */
public final class LoadLoop {
    private static final Logger log = LoggerFactory.getLogger(LoadLoop.class);
    private static final long MAX_RETRY_AFTER_S = 30;

    private final Vertx vertx;
    private final WebClient client;
    private final LoadOptions options;
    private final BatchFeed feed;
    private final Stats stats;
    private final LagProbes lag;
    private final BufferedWriter ids;
    private final String eventsUri;
    private final Promise<Void> done = Promise.promise();
    private Pacer pacer;
    private long startNanos;
    private long endNanos;
    private long deadlineNanos = Long.MAX_VALUE;
    private int lanes;

    public LoadLoop(
            Vertx vertx,
            WebClient client,
            LoadOptions options,
            BatchFeed feed,
            Stats stats,
            LagProbes lag,
            BufferedWriter ids) {
        this.vertx = vertx;
        this.client = client;
        this.options = options;
        this.feed = feed;
        this.stats = stats;
        this.lag = lag;
        this.ids = ids;
        String base = options.url().toString().replaceAll("/+$", "");
        this.eventsUri = base + (options.batchSize() == 1 ? "/api/v1/events" : "/api/v1/events/batch");
    }

    /** Starts the lanes (call on the client's Vert.x context); completes when every lane and lag probe is done. */
    public Future<Void> start() {
        startNanos = System.nanoTime();
        pacer = new Pacer(options.rate(), startNanos);
        if (options.duration() != null) {
            deadlineNanos = startNanos + options.duration().toNanos();
        }
        lanes = options.concurrency();
        for (int i = 0; i < options.concurrency(); i++) {
            next();
        }
        return done.future();
    }

    /** True once {@link #start()} ran. */
    public boolean started() {
        return pacer != null;
    }

    public double elapsedSeconds() {
        return ((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9;
    }

    private void next() {
        if (System.nanoTime() >= deadlineNanos || feed.ended()) {
            laneFinished();
            return;
        }
        Request prepared = feed.poll();
        if (prepared == null) {
            if (feed.ended()) {
                laneFinished();
            } else {
                vertx.setTimer(1, t -> next());
            }
            return;
        }
        long due = pacer.reserve(prepared.events().size(), System.nanoTime());
        long delayMs = (due - System.nanoTime()) / 1_000_000;
        Request r = prepared.due(due);
        if (delayMs >= 1) {
            vertx.setTimer(delayMs, t -> send(r));
        } else {
            send(r);
        }
    }

    private void send(Request r) {
        stats.sent(r.events().size(), r.attempt() > 1);
        if (r.attempt() == 1) { // a retry is due when its Retry-After ends, which a timer keeps as well as any other
            stats.sentLate(System.nanoTime() - r.dueNanos());
        }
        client.postAbs(eventsUri)
                .putHeader("Authorization", r.bearer())
                .putHeader("Content-Type", "application/json")
                .sendBuffer(r.body())
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        answered(r, ar.result());
                    } else {
                        log.debug("request failed: {}", ar.cause().toString());
                        stats.failed("io", r.events().size());
                        next();
                    }
                });
    }

    private void answered(Request r, HttpResponse<Buffer> response) {
        long now = System.nanoTime();
        stats.answered(now - r.dueNanos());
        int status = response.statusCode();
        if (status == 202) {
            accepted(r, now);
        } else if ((status == 503 || status == 429) && r.attempt() < options.maxAttempts()) {
            // 429: the user is over UGC_RATE_LIMIT_EVENTS_PER_USER; nothing was written, so the same request is due
            // again
            vertx.setTimer(retryAfterMs(response), t -> send(r.nextAttempt()));
            return;
        } else {
            log.debug("status {}: {}", status, response.bodyAsString());
            stats.failed(Integer.toString(status), r.events().size());
        }
        next();
    }

    private void accepted(Request r, long nowNanos) {
        stats.accepted(r.events().size());
        try {
            for (Event e : r.events()) {
                ids.write(e.eventId().toString());
                ids.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the accepted ids", e);
        }
        lag.offer(r.events(), r.sentAtMillis(), r.bearer(), nowNanos);
    }

    static long retryAfterMs(HttpResponse<Buffer> response) {
        String header = response.getHeader("Retry-After");
        try {
            long seconds = header == null ? 1 : Long.parseLong(header.trim());
            return Math.max(100, Math.min(seconds, MAX_RETRY_AFTER_S) * 1000);
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    private void laneFinished() {
        if (--lanes > 0) {
            return;
        }
        endNanos = System.nanoTime();
        lag.finish().onComplete(ar -> done.complete());
    }
}
