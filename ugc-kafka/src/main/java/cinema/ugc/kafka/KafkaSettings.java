package cinema.ugc.kafka;

import cinema.ugc.model.config.Env;
import cinema.ugc.model.config.Setting;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where Kafka is and how the event topics look.
 *
 * @param bootstrap    bootstrap servers of an external cluster; empty means "start the embedded broker"
 * @param dataDir      the embedded broker's data directory
 * @param embeddedPort the embedded broker's client port
 */
public record KafkaSettings(
        Optional<String> bootstrap,
        String topic,
        String dlqTopic,
        int partitions,
        int replication,
        int minInsync,
        Path dataDir,
        int embeddedPort) {

    public static final Setting<String> BOOTSTRAP = Setting.string(
            "UGC_KAFKA_BOOTSTRAP",
            "",
            "Kafka bootstrap servers (host:port,...). Empty: start the embedded single-node broker in-process.");
    public static final Setting<String> TOPIC = Setting.string(
            "UGC_KAFKA_TOPIC", "ugc.events", "Topic of accepted events (key = user id, value = event JSON).");
    public static final Setting<String> DLQ_TOPIC = Setting.string(
            "UGC_KAFKA_DLQ_TOPIC", "ugc.events.dlq", "Dead-letter topic for records the ETL cannot store.");
    public static final Setting<Integer> PARTITIONS = Setting.integer(
            "UGC_KAFKA_PARTITIONS",
            6,
            1,
            10_000,
            "Partitions of the event topics when they are created; caps the number of useful ETL instances.");
    public static final Setting<Integer> REPLICATION = Setting.integer(
            "UGC_KAFKA_REPLICATION",
            1,
            1,
            16,
            "Replication factor of the event topics when they are created (3 on a cluster).");
    public static final Setting<Integer> MIN_INSYNC = Setting.integer(
            "UGC_KAFKA_MIN_INSYNC",
            1,
            1,
            16,
            "min.insync.replicas of the event topics (2 on a cluster); with acks=all, fewer live replicas refuse writes.");
    public static final Setting<String> DATA_DIR = Setting.string(
            "UGC_KAFKA_DATA_DIR", null, "Data directory of the embedded broker. Default: <UGC_DATA_DIR>/kafka.");
    public static final Setting<Integer> PORT = Setting.integer(
            "UGC_KAFKA_PORT", 9092, 0, 65_535, "Client port of the embedded broker (0 = any free port).");

    public static final List<Setting<?>> SETTINGS =
            List.of(BOOTSTRAP, TOPIC, DLQ_TOPIC, PARTITIONS, REPLICATION, MIN_INSYNC, DATA_DIR, PORT);

    public KafkaSettings {
        if (minInsync > replication) {
            throw new cinema.ugc.model.config.ConfigException("UGC_KAFKA_MIN_INSYNC=" + minInsync
                    + " exceeds UGC_KAFKA_REPLICATION=" + replication + ": no write could ever succeed");
        }
    }

    public static KafkaSettings from(Env env) {
        String bootstrap = env.get(BOOTSTRAP);
        String dataDir = env.get(DATA_DIR);
        Path dir = dataDir != null
                ? Path.of(dataDir)
                : Path.of(env.raw("UGC_DATA_DIR").orElse("data")).resolve("kafka");
        return new KafkaSettings(
                Optional.of(bootstrap).filter(s -> !s.isBlank()),
                env.get(TOPIC),
                env.get(DLQ_TOPIC),
                env.get(PARTITIONS),
                env.get(REPLICATION),
                env.get(MIN_INSYNC),
                dir,
                env.get(PORT));
    }

    /** True when no external cluster is configured and the embedded broker must be started. */
    public boolean embedded() {
        return bootstrap.isEmpty();
    }
}
