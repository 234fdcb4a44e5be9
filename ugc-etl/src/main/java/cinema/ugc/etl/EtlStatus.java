package cinema.ugc.etl;

import java.util.Map;

/**
 * A snapshot of the ETL for the dashboard and the health endpoint. Counters are since this process started.
 *
 * @param state          the delivery state (ACCUMULATING, WRITING, COMMITTING, BACKOFF, FAILED, CLOSED) or STARTING
 * @param lag            records in Kafka not yet stored: the consumer group's lag (committed offset to log end)
 *                       summed over every partition of the topic, whether this process holds it or not; it includes
 *                       the open batches. -1 while unknown (not read yet, or the brokers have not answered for 10 s)
 * @param lagByPartition the same per partition (empty while unknown)
 * @param pending        records consumed by this process but not yet committed (its open batches)
 * @param error          the last failure's message, or null
 */
public record EtlStatus(
        String state,
        boolean running,
        long consumed,
        long inserted,
        long deadLettered,
        long lag,
        Map<Integer, Long> lagByPartition,
        int pending,
        String error) {

    /** Live: the loop has not stopped on a fatal failure. */
    public boolean live() {
        return !"FAILED".equals(state);
    }

    /** Ready: consuming (a back-off is a normal, recoverable state; a fatal failure or a stop is not). */
    public boolean ready() {
        return running && !"FAILED".equals(state) && !"STARTING".equals(state);
    }
}
