package cinema.ugc.load.internal;

import cinema.ugc.load.LoadReport;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Counters and the latency histogram of a run. Touched from the client's single event-loop thread only. */
public final class Stats {
    private final Histogram latencyMicros = new Histogram(60_000_000L, 3);
    private final Histogram sendLagMicros = new Histogram(60_000_000L, 3);
    private final Map<String, Long> errorsByStatus = new TreeMap<>();
    long requests;
    long retries;
    long eventsSent;
    long eventsAccepted;
    long eventsFailed;

    public void sent(int events, boolean retry) {
        requests++;
        if (retry) {
            retries++;
        } else {
            eventsSent += events;
        }
    }

    public void answered(long latencyNanos) {
        record(latencyMicros, latencyNanos);
    }

    /**
     * How late a request left against its schedule (sent minus due); part of every latency figure. Either every lane
     * was waiting for an answer (the server is slow for this concurrency) or the load machine fired its timer late
     * (then the latency is partly that machine's).
     */
    public void sentLate(long lagNanos) {
        record(sendLagMicros, lagNanos);
    }

    private static void record(Histogram micros, long nanos) {
        micros.recordValue(Math.max(0, Math.min(nanos / 1000, micros.getHighestTrackableValue())));
    }

    public void accepted(int events) {
        eventsAccepted += events;
    }

    public void failed(String status, int events) {
        eventsFailed += events;
        errorsByStatus.merge(status, 1L, Long::sum);
    }

    public long requests() {
        return requests;
    }

    public long retries() {
        return retries;
    }

    public long eventsSent() {
        return eventsSent;
    }

    public long eventsFailed() {
        return eventsFailed;
    }

    public long eventsDone() {
        return eventsAccepted + eventsFailed;
    }

    public long eventsAccepted() {
        return eventsAccepted;
    }

    public Map<String, Long> errorsByStatus() {
        return errorsByStatus;
    }

    public LoadReport.Latency latency() {
        return summary(latencyMicros);
    }

    public LoadReport.Latency sendLag() {
        return summary(sendLagMicros);
    }

    private static LoadReport.Latency summary(Histogram micros) {
        return new LoadReport.Latency(
                micros.getTotalCount(),
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(95)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getMaxValue()));
    }

    static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
