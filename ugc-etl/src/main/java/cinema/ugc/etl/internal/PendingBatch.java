package cinema.ugc.etl.internal;

import cinema.ugc.store.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open batch: events for the store, poison records for the dead-letter topic, and per partition the offset to
 * commit once both are durable. Retries write this very batch again (same records, same order).
 */
final class PendingBatch {
    private static final int MAX_PRESIZED = 100_000; // larger configured batches grow past it as before

    private final List<StoredEvent> events;
    private final List<Poison> poison = new ArrayList<>();
    private final Map<Integer, Long> nextOffsets = new HashMap<>();
    private Instant openedAt;
    private boolean deadLettered;
    private boolean written;

    /**
     * @param expectedEvents the events a full batch holds; the list is sized for them up front, since growing it is a
     *                       visible share of the ETL thread's CPU (docs/benchmarks.md#etl)
     */
    PendingBatch(int expectedEvents) {
        events = new ArrayList<>(Math.min(expectedEvents, MAX_PRESIZED));
    }

    void add(Incoming record, Instant now) {
        if (isEmpty()) {
            openedAt = now;
        }
        if (record.event() != null) {
            events.add(record.event());
        } else {
            poison.add(record.poison());
        }
        nextOffsets.merge(record.partition(), record.offset() + 1, Math::max);
    }

    boolean isEmpty() {
        return nextOffsets.isEmpty();
    }

    int size() {
        return events.size() + poison.size();
    }

    /** When the oldest record is {@code maxAge} old; null for an empty batch. */
    Instant dueAt(java.time.Duration maxAge) {
        return isEmpty() ? null : openedAt.plus(maxAge);
    }

    boolean touches(Collection<Integer> partitions) {
        return partitions.stream().anyMatch(nextOffsets::containsKey);
    }

    /** Forgets the records of these partitions; their offsets were not committed, so their next owner reads them. */
    void drop(Collection<Integer> partitions) {
        events.removeIf(e -> partitions.contains(e.partition()));
        poison.removeIf(p -> partitions.contains(p.partition()));
        partitions.forEach(nextOffsets::remove);
    }

    List<StoredEvent> events() {
        return events;
    }

    List<Poison> poison() {
        return poison;
    }

    Map<Integer, Long> nextOffsets() {
        return Map.copyOf(nextOffsets);
    }

    boolean deadLettered() {
        return deadLettered || poison.isEmpty();
    }

    void markDeadLettered() {
        deadLettered = true;
    }

    boolean written() {
        return written || events.isEmpty();
    }

    void markWritten() {
        written = true;
    }
}
