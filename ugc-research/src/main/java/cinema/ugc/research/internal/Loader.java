package cinema.ugc.research.internal;

import cinema.ugc.model.Event;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.StoredEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;

/**
 * Writes a prefix of the data set through {@link EventStore#write} in fixed-size batches and times only the writes
 * (batches are built before the clock starts), then checks the store really holds every row.
 */
public final class Loader {

    /** One load: rows written, nanoseconds spent inside {@code write}, per-batch latencies, rows counted after. */
    public record Run(long rows, long writeNanos, Histogram batchMicros, long countAfter) {
        public double rowsPerSecond() {
            return rows / (writeNanos / 1e9);
        }
    }

    private Loader() {}

    public static Run load(EventStore store, Iterator<Event> events, long rows, int batchSize, LongConsumer progress) {
        Histogram latencies = new Histogram(3_600_000_000L, 3);
        long written = 0;
        long nanos = 0;
        while (written < rows) {
            List<StoredEvent> batch = nextBatch(events, written, (int) Math.min(batchSize, rows - written));
            long start = System.nanoTime();
            store.write(batch);
            long took = System.nanoTime() - start;
            nanos += took;
            latencies.recordValue(Math.max(1, Math.min(took / 1_000, latencies.getHighestTrackableValue())));
            written += batch.size();
            progress.accept(batch.size());
        }
        long count = store.queries().countEvents();
        if (count != rows) {
            throw new IllegalStateException(String.format(
                    "%s holds %,d events after %,d were written in batches of %,d",
                    store.describe(), count, rows, batchSize));
        }
        return new Run(rows, nanos, latencies, count);
    }

    /** The Kafka position is synthetic: one partition, offset = position in the data set. */
    static List<StoredEvent> nextBatch(Iterator<Event> events, long firstOffset, int size) {
        List<StoredEvent> batch = new ArrayList<>(size);
        for (int i = 0; i < size && events.hasNext(); i++) {
            batch.add(new StoredEvent(events.next(), 0, firstOffset + i));
        }
        if (batch.isEmpty()) {
            throw new IllegalStateException("the data set ran out at " + firstOffset + " events");
        }
        return batch;
    }
}
