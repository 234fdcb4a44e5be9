package cinema.ugc.etl.internal;

import cinema.ugc.etl.EtlKafka;
import cinema.ugc.etl.EtlSettings;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Builds the Kafka clients of one {@link ConsumerLoop}. Production connects to the brokers ({@link #brokers}); unit
 * tests hand in Kafka's own {@code MockConsumer} and {@code MockProducer}, so the loop — polling, rebalances, commits,
 * and the consumer's lag that decides when a caught-up batch is due — runs without a broker. The loop owns and closes
 * what it is given.
 */
public interface KafkaClientFactory {

    /** The group member of loop {@code index} (0..consumers-1), not yet subscribed. */
    Consumer<byte[], byte[]> consumer(int index);

    /** The dead-letter producer of loop {@code index}. */
    Producer<byte[], byte[]> producer(int index);

    /** Clients of the brokers and topics in {@code kafka}, configured from {@code settings}. */
    static KafkaClientFactory brokers(EtlSettings settings, EtlKafka kafka) {
        return new BrokerClients(settings, kafka);
    }
}
