package cinema.ugc.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One validated user event, as it travels through Kafka and lands in a store.
 *
 * <p>{@code eventId} is the idempotency key: every stage downstream must count an event id once.
 * {@code properties} values are {@link String}, {@link Boolean} or {@link Number}; the map keeps insertion order.
 */
public record Event(
        UUID eventId,
        String userId,
        Action action,
        String filmId,
        String description,
        Instant eventTime,
        Instant startTime,
        Instant endTime,
        Map<String, Object> properties,
        Instant receivedAt) {

    public Event {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(receivedAt, "receivedAt");
        // JsonProperties is immutable already; copying it would drop the JSON text it carries
        properties = properties == null
                ? Map.of()
                : properties instanceof JsonProperties decoded
                        ? decoded
                        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    }
}
