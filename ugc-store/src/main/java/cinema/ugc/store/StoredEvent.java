package cinema.ugc.store;

import cinema.ugc.model.Event;
import java.util.Objects;

/** An event with the Kafka position it was consumed from (delivery bookkeeping kept beside each row). */
public record StoredEvent(Event event, int partition, long offset) {
    public StoredEvent {
        Objects.requireNonNull(event, "event");
    }
}
