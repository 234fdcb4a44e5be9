package cinema.ugc.ingest;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Meters of the write path: events accepted by action, events rejected as invalid, producer errors by type. */
public final class IngestMetrics {
    private final MeterRegistry registry;
    private final Map<Action, Counter> accepted = new EnumMap<>(Action.class);
    private final Counter rejected;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Action action : Action.values()) {
            accepted.put(
                    action,
                    Counter.builder("ugc.ingest.events.accepted")
                            .description("Events acknowledged by Kafka and answered 202, by action")
                            .tag("action", action.name())
                            .register(registry));
        }
        rejected = Counter.builder("ugc.ingest.events.rejected")
                .description("Requests answered 400 because an event broke the contract")
                .register(registry);
    }

    void accepted(List<Event> events) {
        for (Event event : events) {
            accepted.get(event.action()).increment();
        }
    }

    void rejected() {
        rejected.increment();
    }

    void rateLimited(String route) {
        Counter.builder("ugc.ingest.rate_limited")
                .description(
                        "Requests answered 429 because their user was over UGC_RATE_LIMIT_EVENTS_PER_USER, by route")
                .tag("route", route)
                .register(registry)
                .increment();
    }

    void producerError(String type) {
        Counter.builder("ugc.ingest.producer.errors")
                .description("Records Kafka did not acknowledge (or requests refused before sending), by error type")
                .tag("type", type)
                .register(registry)
                .increment();
    }
}
