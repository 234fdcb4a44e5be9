package cinema.ugc.etl.internal;

import cinema.ugc.store.StoredEvent;
import java.util.List;
import java.util.Map;

/**
 * The I/O the delivery state machine drives: production wires Kafka and the store, unit tests an in-memory stand-in.
 * Every method is called on the consumer thread.
 */
public interface DeliveryPorts {

    /** Writes the events durably; throws {@link cinema.ugc.store.StoreException} on failure. */
    void write(List<StoredEvent> events);

    /** Sends to the dead-letter topic and returns only once every record is acknowledged; throws otherwise. */
    void deadLetter(List<Poison> records);

    /** Commits, per partition, the offset of the next record to read. Throws when the commit failed. */
    void commit(Map<Integer, Long> nextOffsets);

    /** Pauses every assigned partition: polls keep the consumer in its group but return nothing. */
    void pauseAll();

    /** Resumes every assigned partition. */
    void resumeAll();

    /**
     * Whether the consumer has read every assigned partition to its end as known from its latest fetches: no backlog,
     * so waiting longer only delays the open batch. False while any partition's end is not yet known.
     */
    boolean caughtUp();
}
