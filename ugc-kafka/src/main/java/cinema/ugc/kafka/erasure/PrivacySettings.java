package cinema.ugc.kafka.erasure;

import cinema.ugc.model.config.Env;
import cinema.ugc.model.config.Setting;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How long personal data is kept (docs/privacy.md).
 *
 * @param retention      events older than this (by {@code event_time}) are removed from the store; empty = forever
 * @param retentionEvery how often the ETL process applies {@code retention}
 * @param kafkaRetention {@code retention.ms} of the event and dead-letter topics when they are created
 */
public record PrivacySettings(Optional<Duration> retention, Duration retentionEvery, Duration kafkaRetention) {

    public static final Setting<Optional<Duration>> RETENTION = new Setting<>(
            "UGC_RETENTION",
            "How long stored events are kept, by event_time (e.g. 400d); older ones are removed periodically by the ETL "
                    + "(ClickHouse: whole months). Empty: kept forever.",
            "",
            s -> s.isBlank() ? Optional.empty() : Optional.of(positive(Setting.parseDuration(s))));
    public static final Setting<Duration> RETENTION_EVERY =
            Setting.duration("UGC_RETENTION_EVERY", "1h", "How often the ETL applies UGC_RETENTION.");
    public static final Setting<Duration> KAFKA_RETENTION = Setting.duration(
            "UGC_KAFKA_RETENTION",
            "7d",
            "retention.ms of the event and dead-letter topics when they are created: how long personal data stays in "
                    + "Kafka. The erasure topics are compacted and kept.");

    public static final List<Setting<?>> SETTINGS = List.of(RETENTION, RETENTION_EVERY, KAFKA_RETENTION);

    public PrivacySettings {
        if (retentionEvery.isZero()
                || retentionEvery.isNegative()
                || kafkaRetention.isZero()
                || kafkaRetention.isNegative()) {
            throw new cinema.ugc.model.config.ConfigException(
                    RETENTION_EVERY.key() + " and " + KAFKA_RETENTION.key() + " must be positive");
        }
    }

    public static PrivacySettings from(Env env) {
        return new PrivacySettings(env.get(RETENTION), env.get(RETENTION_EVERY), env.get(KAFKA_RETENTION));
    }

    /** The configs the event and dead-letter topics are created with. */
    public Map<String, String> eventTopicConfigs() {
        return Map.of("retention.ms", Long.toString(kafkaRetention.toMillis()));
    }

    private static Duration positive(Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("must be positive");
        }
        return d;
    }
}
