package cinema.ugc.kafka.erasure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a one-partition compacted topic from its beginning and keeps following it on its own thread, handing every
 * record (key, value; value null for a tombstone) to a callback — the way to hold a compacted topic as an in-memory
 * table. No consumer group: every reader sees the whole topic. {@link #awaitCaughtUp} says when everything that was
 * in the topic at start has been handed over.
 */
public final class CompactedTopicReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicReader.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final BiConsumer<byte[], byte[]> onRecord;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean stopping;

    public CompactedTopicReader(String bootstrap, String topic, String clientId, BiConsumer<byte[], byte[]> onRecord) {
        this.partition = new TopicPartition(topic, 0);
        this.onRecord = onRecord;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.CLIENT_ID_CONFIG,
                clientId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
        this.thread = new Thread(this::run, clientId);
        this.thread.setDaemon(true);
    }

    public CompactedTopicReader start() {
        thread.start();
        return this;
    }

    /** True once the records present at start were all handed over, false when {@code timeout} passed first. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = endOffset();
            while (!stopping) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    handle(r);
                }
                if (caughtUp.getCount() > 0 && consumer.position(partition) >= end) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // close() while polling
        } catch (RuntimeException e) {
            LOG.error("reading {} stopped: {}", partition.topic(), e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private long endOffset() {
        while (!stopping) {
            try {
                return consumer.endOffsets(List.of(partition), Duration.ofSeconds(5))
                        .get(partition);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.warn("{} not reachable yet: {}", partition.topic(), e.getMessage());
            }
        }
        return Long.MAX_VALUE;
    }

    private void handle(ConsumerRecord<byte[], byte[]> r) {
        try {
            onRecord.accept(r.key(), r.value());
        } catch (IllegalArgumentException e) {
            LOG.warn("skipping an unreadable record at {}@{}: {}", partition, r.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
