package cinema.ugc.etl.internal;

import cinema.ugc.store.EventStore;
import cinema.ugc.store.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The production {@link DeliveryPorts}: the store, the dead-letter producer and the consumer's commit and pause. */
final class KafkaPorts implements DeliveryPorts {
    static final String ERROR = "ugc.error";
    static final String SOURCE_TOPIC = "ugc.source.topic";
    static final String SOURCE_PARTITION = "ugc.source.partition";
    static final String SOURCE_OFFSET = "ugc.source.offset";

    private final String topic;
    private final String deadLetterTopic;
    private final EventStore store;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;

    KafkaPorts(
            String topic,
            String deadLetterTopic,
            EventStore store,
            Consumer<byte[], byte[]> consumer,
            Producer<byte[], byte[]> producer) {
        this.topic = topic;
        this.deadLetterTopic = deadLetterTopic;
        this.store = store;
        this.consumer = consumer;
        this.producer = producer;
    }

    @Override
    public void write(List<StoredEvent> events) {
        store.write(events);
    }

    @Override
    public void deadLetter(List<Poison> records) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        records.forEach(p -> acks.add(producer.send(toDeadLetter(p))));
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeadLetterException("interrupted while waiting for the dead-letter topic", e);
            } catch (ExecutionException e) {
                throw new DeadLetterException(
                        "dead-letter topic " + deadLetterTopic + " did not acknowledge", e.getCause());
            }
        }
    }

    private ProducerRecord<byte[], byte[]> toDeadLetter(Poison p) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ERROR, utf8(p.error()));
        headers.add(SOURCE_TOPIC, utf8(p.topic()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(p.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(p.offset())));
        return new ProducerRecord<>(deadLetterTopic, null, p.key(), p.value(), headers);
    }

    @Override
    public void commit(Map<Integer, Long> nextOffsets) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        nextOffsets.forEach((p, o) -> offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
        consumer.commitSync(offsets);
    }

    @Override
    public void pauseAll() {
        consumer.pause(consumer.assignment());
    }

    @Override
    public void resumeAll() {
        consumer.resume(consumer.assignment());
    }

    /** The consumer's cached lag (high watermark of the latest fetch minus position): no broker round trip. */
    @Override
    public boolean caughtUp() {
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
