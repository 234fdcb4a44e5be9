package cinema.ugc.etl;

import java.util.Map;
import java.util.Objects;

/**
 * Where the ETL reads and dead-letters: the broker addresses and topic names (from the Kafka module's settings),
 * plus client properties that override the ETL's defaults (tests and tuning).
 */
public record EtlKafka(String bootstrap, String topic, String deadLetterTopic, Map<String, Object> overrides) {

    public EtlKafka {
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        overrides = Map.copyOf(overrides);
    }

    /** The topics of the Kafka settings, read through {@code bootstrap} (the external or the embedded broker). */
    public static EtlKafka of(cinema.ugc.kafka.KafkaSettings kafka, String bootstrap) {
        return new EtlKafka(bootstrap, kafka.topic(), kafka.dlqTopic());
    }

    public EtlKafka(String bootstrap, String topic, String deadLetterTopic) {
        this(bootstrap, topic, deadLetterTopic, Map.of());
    }
}
