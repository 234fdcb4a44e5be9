package cinema.ugc.etl.internal;

import cinema.ugc.etl.EtlKafka;
import cinema.ugc.etl.EtlSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The production {@link KafkaClientFactory}: real clients, with the ETL's delivery guarantees in their config. */
final class BrokerClients implements KafkaClientFactory {
    private final EtlSettings settings;
    private final EtlKafka kafka;

    BrokerClients(EtlSettings settings, EtlKafka kafka) {
        this.settings = settings;
        this.kafka = kafka;
    }

    @Override
    public Consumer<byte[], byte[]> consumer(int index) {
        return new KafkaConsumer<>(consumerConfig(settings, index, kafka));
    }

    @Override
    public Producer<byte[], byte[]> producer(int index) {
        return new KafkaProducer<>(producerConfig(kafka, index));
    }

    static Map<String, Object> consumerConfig(EtlSettings settings, int index, EtlKafka kafka) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(settings.batchSize(), 10_000));
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "ugc-etl-consumer-" + index);
        c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int)
                settings.sessionTimeout().toMillis());
        // Kafka's advice: a heartbeat at most a third of the session timeout, so that one lost heartbeat is not fatal.
        c.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int)
                Math.min(3_000, settings.sessionTimeout().toMillis() / 3));
        String instanceId = settings.instanceIdOf(index);
        if (instanceId != null) {
            c.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        }
        c.putAll(kafka.overrides());
        return c;
    }

    static Map<String, Object> producerConfig(EtlKafka kafka, int index) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "ugc-etl-dead-letter-" + index);
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return c;
    }
}
