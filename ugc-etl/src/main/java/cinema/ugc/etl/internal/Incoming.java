package cinema.ugc.etl.internal;

import cinema.ugc.store.StoredEvent;

/** One consumed record after decoding: exactly one of {@code event} and {@code poison} is set. */
public record Incoming(int partition, long offset, StoredEvent event, Poison poison) {

    public static Incoming event(StoredEvent event) {
        return new Incoming(event.partition(), event.offset(), event, null);
    }

    public static Incoming poison(Poison poison) {
        return new Incoming(poison.partition(), poison.offset(), null, poison);
    }
}
