package cinema.ugc.kafka.erasure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes erasure requests and statuses, each acknowledged by every in-sync replica (acks=all) before a call returns:
 * an erasure the API answered 202 for is durable. Blocking — call it off the event loop. Thread-safe.
 */
public final class ErasureJournal implements AutoCloseable {
    private final Producer<byte[], byte[]> producer;
    private final Duration timeout;

    public ErasureJournal(String bootstrap, Duration timeout) {
        this.timeout = timeout;
        int ms = (int) timeout.toMillis();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.CLIENT_ID_CONFIG,
                "ugc-erasures",
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                ms,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Math.max(ms, 1_000),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Math.min(ms, 30_000),
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    /** @throws ErasureJournalException when Kafka did not acknowledge within the timeout */
    public void record(ErasureRequest request) {
        send(ErasureTopics.REQUESTS, request.userId(), request.toJson());
    }

    /** @throws ErasureJournalException when Kafka did not acknowledge within the timeout */
    public void record(ErasureStatus status) {
        send(ErasureTopics.STATUS, status.request().erasureId().toString(), status.toJson());
    }

    private void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
                    .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ErasureJournalException(
                    "Kafka did not take the write to " + topic + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw new ErasureJournalException("Kafka did not acknowledge the write to " + topic + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErasureJournalException("interrupted writing to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** The write was not acknowledged; nothing may be promised to the caller. Retriable. */
    public static final class ErasureJournalException extends RuntimeException {
        public ErasureJournalException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
