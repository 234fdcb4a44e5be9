package cinema.ugc.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a load run, as text for people ({@link #toText()}) and JSON for tests and benchmarks
 * ({@link #toJson()}, snake_case keys).
 *
 * @param requests        HTTP requests sent, retries included
 * @param retries         requests re-sent after a 503 or 429 with Retry-After
 * @param eventsSent      distinct events sent at least once
 * @param eventsAccepted  events the API acknowledged with 202
 * @param eventsFailed    events finally refused (4xx/5xx after retries) or lost to connection errors
 * @param errorsByStatus  final failed requests by HTTP status ("io" for connection errors)
 * @param acceptedIdsFile where the accepted event ids were written, one per line (warm-up included); null when not
 *                        asked for
 * @param warmup          what the unmeasured warm-up sent before the run; {@link Warmup#NONE} without one
 * @param latency         from when each request was due to its answer: the client's own delays included
 * @param sendLag         from when each request was due to when it was sent (first attempts only): how far the client
 *                        fell behind its schedule, with every lane waiting for an answer or its machine too busy
 */
public record LoadReport(
        String url,
        long seed,
        long idSeed,
        int batchSize,
        int concurrency,
        double targetRate,
        long requests,
        long retries,
        long eventsSent,
        long eventsAccepted,
        long eventsFailed,
        Map<String, Long> errorsByStatus,
        double elapsedSeconds,
        Latency latency,
        Latency sendLag,
        Lag lag,
        Path acceptedIdsFile,
        Warmup warmup) {

    public LoadReport {
        errorsByStatus = Map.copyOf(errorsByStatus);
    }

    /** The warm-up phase: its events are real (stored downstream, ids written) but in none of the other figures. */
    public record Warmup(double seconds, long eventsAccepted, long eventsFailed) {
        public static final Warmup NONE = new Warmup(0, 0, 0);
    }

    /** A distribution of request times in milliseconds (see {@link #latency} and {@link #sendLag}). */
    public record Latency(long count, double p50Ms, double p95Ms, double p99Ms, double maxMs) {
        ObjectNode toJson(ObjectMapper mapper) {
            return mapper.createObjectNode()
                    .put("count", count)
                    .put("p50", p50Ms)
                    .put("p95", p95Ms)
                    .put("p99", p99Ms)
                    .put("max", maxMs);
        }

        String toText() {
            return String.format(
                    Locale.ROOT,
                    "p50 %s ms  p95 %s ms  p99 %s ms  max %s ms",
                    fmt(p50Ms),
                    fmt(p95Ms),
                    fmt(p99Ms),
                    fmt(maxMs));
        }
    }

    /**
     * How long accepted events took to become readable through {@code GET /api/v1/me/events} (ms after the 202).
     *
     * @param measured false when the read endpoint is missing or no sample was taken; {@code note} says why
     */
    public record Lag(
            boolean measured, String note, int samples, int timedOut, double p50Ms, double p95Ms, double maxMs) {
        public static Lag notMeasured(String why) {
            return new Lag(false, why, 0, 0, 0, 0, 0);
        }
    }

    public double eventsPerSecond() {
        return elapsedSeconds > 0 ? eventsAccepted / elapsedSeconds : 0;
    }

    public double meanBatchSize() {
        long first = requests - retries;
        return first > 0 ? (double) eventsSent / first : 0;
    }

    public ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode n = mapper.createObjectNode();
        n.put("url", url)
                .put("seed", seed)
                .put("id_seed", idSeed)
                .put("batch_size", batchSize)
                .put("concurrency", concurrency)
                .put("target_rate", targetRate);
        n.put("requests", requests)
                .put("retries", retries)
                .put("events_sent", eventsSent)
                .put("events_accepted", eventsAccepted)
                .put("events_failed", eventsFailed);
        n.set("errors_by_status", mapper.valueToTree(errorsByStatus));
        n.put("elapsed_s", round(elapsedSeconds))
                .put("events_per_s", round(eventsPerSecond()))
                .put("mean_batch_size", round(meanBatchSize()));
        n.set("latency_ms", latency.toJson(mapper));
        n.set("send_lag_ms", sendLag.toJson(mapper));
        n.set(
                "visibility_lag_ms",
                mapper.createObjectNode()
                        .put("measured", lag.measured())
                        .put("note", lag.note())
                        .put("samples", lag.samples())
                        .put("timed_out", lag.timedOut())
                        .put("p50", lag.p50Ms())
                        .put("p95", lag.p95Ms())
                        .put("max", lag.maxMs()));
        n.set(
                "warmup",
                mapper.createObjectNode()
                        .put("seconds", round(warmup.seconds()))
                        .put("events_accepted", warmup.eventsAccepted())
                        .put("events_failed", warmup.eventsFailed()));
        n.put(
                "accepted_event_ids_file",
                acceptedIdsFile == null
                        ? null
                        : acceptedIdsFile.toAbsolutePath().toString());
        return n;
    }

    public void writeJson(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toJson());
    }

    public String toText() {
        StringBuilder sb = new StringBuilder();
        line(
                sb,
                "target",
                "%s  batch ≤ %d  concurrency %d  rate %s  seed %d",
                url,
                batchSize,
                concurrency,
                targetRate > 0 ? fmt(targetRate) + " ev/s" : "max",
                seed);
        if (warmup.seconds() > 0) {
            line(
                    sb,
                    "warm-up",
                    "%d events accepted, %d failed in %s s before the run (not counted below)",
                    warmup.eventsAccepted(),
                    warmup.eventsFailed(),
                    fmt(warmup.seconds()));
        }
        line(
                sb,
                "sent",
                "%d events in %d requests (%d retries after 503/429), mean batch %s",
                eventsSent,
                requests,
                retries,
                fmt(meanBatchSize()));
        line(sb, "accepted", "%d events", eventsAccepted);
        line(
                sb,
                "errors",
                "%d events%s",
                eventsFailed,
                errorsByStatus.isEmpty() ? "" : "  by status " + errorsByStatus);
        line(sb, "throughput", "%s events/s over %s s", fmt(eventsPerSecond()), fmt(elapsedSeconds));
        line(sb, "latency", "%s  (%d requests)", latency.toText(), latency.count());
        line(sb, "sent late", "%s  (after the due time; part of the latency above)", sendLag.toText());
        line(
                sb,
                "visibility",
                "%s",
                lag.measured()
                        ? String.format(
                                Locale.ROOT,
                                "p50 %s ms  p95 %s ms  max %s ms  (%d samples, %d timed out)",
                                fmt(lag.p50Ms()),
                                fmt(lag.p95Ms()),
                                fmt(lag.maxMs()),
                                lag.samples(),
                                lag.timedOut())
                        : "not measured: " + lag.note());
        if (acceptedIdsFile != null) {
            line(sb, "ids", "%s", acceptedIdsFile);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, "%-11s " + format + "%n", prepend(label, args)));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first + ":";
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
