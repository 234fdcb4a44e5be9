package cinema.ugc.ingest.internal;

import cinema.ugc.ingest.IngestSettings;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The ingest producer's configuration: durable (idempotent, acks=all) and bounded in time. */
public final class ProducerConfigs {
    /**
     * Ceiling of the producer's exponential backoffs: reconnecting to a broker that went away, retrying a failed
     * produce request, refreshing metadata after an error. Each refresh is the moment the producer can learn a
     * partition's new leader after a failover, so Kafka's 1 s ceiling added up to a second to every request on a
     * moved partition; a quarter of that costs a few more connection attempts per second to a dead broker
     * (docs/cluster.md, "Broker failover").
     */
    static final int BACKOFF_MAX_MS = 250;

    private ProducerConfigs() {}

    public static Map<String, Object> of(String bootstrap, IngestSettings s) {
        long delivery = s.deliveryTimeout().toMillis();
        long linger = s.linger().toMillis();
        // Well below Kafka's 30 s default: a hung broker (stopped, not dead: its connections stay open) would hold
        // every request sent to it until this passes, while the controller fences it within the broker session
        // timeout and the partition's new leader could take the retry (docs/cluster.md, "Broker failover").
        long request = s.effectiveRequestTimeout().toMillis();
        return Map.ofEntries(
                Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "ugc-ingest"),
                Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()),
                Map.entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()),
                Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, s.maxInFlight()),
                Map.entry(
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        s.compression().name().toLowerCase(Locale.ROOT)),
                Map.entry(ProducerConfig.LINGER_MS_CONFIG, (int) linger),
                Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024),
                Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery),
                Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request),
                Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, s.maxBlock().toMillis()),
                Map.entry(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, BACKOFF_MAX_MS),
                Map.entry(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, BACKOFF_MAX_MS));
    }
}
