package cinema.ugc.load.internal;

import cinema.ugc.load.LoadReport;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Counters and the latency histogram of a run. Touched from the client's single event-loop thread only. */
public final class Stats {
    private final Histogram latencyMicros = new Histogram(60_000_000L, 3);
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
        latencyMicros.recordValue(Math.max(0, Math.min(latencyNanos / 1000, latencyMicros.getHighestTrackableValue())));
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
        return new LoadReport.Latency(
                latencyMicros.getTotalCount(),
                ms(latencyMicros.getValueAtPercentile(50)),
                ms(latencyMicros.getValueAtPercentile(95)),
                ms(latencyMicros.getValueAtPercentile(99)),
                ms(latencyMicros.getMaxValue()));
    }

    static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
