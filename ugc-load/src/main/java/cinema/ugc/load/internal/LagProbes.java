package cinema.ugc.load.internal;

import cinema.ugc.load.LoadReport;
import cinema.ugc.model.Event;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * End-to-end visibility lag: now and then an accepted event with a film is picked, and its user's
 * {@code GET /api/v1/me/events?action=<its action>&film_id=<its film>&before=<its time + 1 ms>} is polled until the
 * event id shows up — the time from the 202 to that moment is how long the pipeline (Kafka → ETL → store → read API)
 * took. The action and film narrow the read to a prefix of ClickHouse's sort key: an unfiltered per-user read scans
 * the table there, and many such polls a second loaded the very machine being measured. When the read API answers 404
 * the endpoint does not exist here, and the lag is reported as not measured. Runs on the client's event loop.
 */
public final class LagProbes {
    static final long POLL_MS = 50;
    static final long MIN_SPACING_NANOS = 200_000_000L;

    private final Vertx vertx;
    private final WebClient client;
    private final String baseUrl;
    private final int samples;
    private final long timeoutNanos;
    private final Histogram lagMicros = new Histogram(3_600_000_000L, 3);
    private final Promise<Void> idle = Promise.promise();
    private int started;
    private int outstanding;
    private int timedOut;
    private long lastStartNanos = Long.MIN_VALUE / 2;
    private String absentBecause;
    private boolean finishing;

    public LagProbes(Vertx vertx, WebClient client, String baseUrl, int samples, long timeoutNanos) {
        this.vertx = vertx;
        this.client = client;
        this.baseUrl = baseUrl;
        this.samples = samples;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Maybe starts timing one of these just-accepted events (sent with event time {@code eventTimeMillis}): the last
     * one with a film, at most {@code samples} in all, a few per second.
     */
    public void offer(List<Event> accepted, long eventTimeMillis, String bearer, long acceptedNanos) {
        if (started >= samples
                || absentBecause != null
                || finishing
                || acceptedNanos - lastStartNanos < MIN_SPACING_NANOS) {
            return;
        }
        Event sample = null;
        for (int i = accepted.size() - 1; i >= 0 && sample == null; i--) {
            sample = accepted.get(i).filmId() == null ? null : accepted.get(i);
        }
        if (sample == null) {
            return;
        }
        started++;
        outstanding++;
        lastStartNanos = acceptedNanos;
        String uri = baseUrl + "/api/v1/me/events?limit=100&action="
                + sample.action().name()
                + "&film_id=" + URLEncoder.encode(sample.filmId(), StandardCharsets.UTF_8)
                + "&before=" + URLEncoder.encode(InstantText.format(eventTimeMillis + 1), StandardCharsets.UTF_8);
        poll(uri, sample.eventId().toString(), bearer, acceptedNanos);
    }

    private void poll(String uri, String eventId, String bearer, long acceptedNanos) {
        client.getAbs(uri)
                .putHeader("Authorization", bearer)
                .send()
                .onComplete(ar -> answered(ar.succeeded() ? ar.result() : null, uri, eventId, bearer, acceptedNanos));
    }

    private void answered(
            HttpResponse<Buffer> response, String uri, String eventId, String bearer, long acceptedNanos) {
        long now = System.nanoTime();
        if (response != null && response.statusCode() == 404) {
            absentBecause = "GET /api/v1/me/events answered 404 (no read API at this URL)";
            done();
        } else if (response != null
                && response.statusCode() == 200
                && response.bodyAsString().contains(eventId)) {
            lagMicros.recordValue(
                    Math.max(0, Math.min((now - acceptedNanos) / 1000, lagMicros.getHighestTrackableValue())));
            done();
        } else if (now - acceptedNanos > timeoutNanos) {
            timedOut++;
            done();
        } else {
            vertx.setTimer(POLL_MS, t -> poll(uri, eventId, bearer, acceptedNanos));
        }
    }

    private void done() {
        outstanding--;
        if (finishing && outstanding == 0) {
            idle.tryComplete();
        }
    }

    /** Stops starting probes; completes when the running ones have seen their event or timed out. */
    public Future<Void> finish() {
        finishing = true;
        if (outstanding == 0) {
            idle.tryComplete();
        }
        return idle.future();
    }

    public LoadReport.Lag result() {
        if (absentBecause != null) {
            return LoadReport.Lag.notMeasured(absentBecause);
        }
        if (lagMicros.getTotalCount() == 0) {
            return LoadReport.Lag.notMeasured(
                    started == 0 ? "no sample taken" : "no sampled event became visible within the timeout");
        }
        return new LoadReport.Lag(
                true,
                "time from the 202 until GET /api/v1/me/events showed the event",
                (int) lagMicros.getTotalCount(),
                timedOut,
                Stats.ms(lagMicros.getValueAtPercentile(50)),
                Stats.ms(lagMicros.getValueAtPercentile(95)),
                Stats.ms(lagMicros.getMaxValue()));
    }
}
