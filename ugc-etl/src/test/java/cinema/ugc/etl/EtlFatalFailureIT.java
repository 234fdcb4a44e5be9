package cinema.ugc.etl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.kafka.EmbeddedKafka;
import cinema.ugc.kafka.Topics;
import cinema.ugc.store.EventQueries;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.StoreException;
import cinema.ugc.store.StoredEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fatal store failure met by one consumer thread stops the whole ETL — the healthy thread too, as a process with
 * one thread stopped before — and the failed thread's partitions keep no committed offset, so their records wait
 * in Kafka for a fixed store.
 */
class EtlFatalFailureIT {
    private static final String TOPIC = "ugc.events";

    @TempDir
    Path tmp;

    @Test
    void aFatalStoreFailureStopsEveryConsumerWithoutCommitting() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0);
                KafkaProducer<byte[], byte[]> producer = TestEvents.producer(kafka.bootstrapServers())) {
            Topics.ensure(kafka.bootstrapServers(), TOPIC, 4, 1, 1, Duration.ofSeconds(30));
            BrokenStore store = new BrokenStore();
            EtlSettings settings = EtlSettings.defaults()
                    .withBatch(500, Duration.ofMillis(100))
                    .withGroup("fatal");
            assertEquals(2, settings.consumers());
            Etl etl = new Etl(
                            settings,
                            new EtlKafka(kafka.bootstrapServers(), TOPIC, "ugc.events.dlq"),
                            store,
                            new SimpleMeterRegistry())
                    .start();
            try {
                // Events only once both threads hold partitions: with a backlog the first thread to join could take
                // all four, and the healthy thread would never write (thread 0 would then fail alone).
                awaitBothConsumersAssigned(kafka.bootstrapServers(), "fatal");
                TestEvents.send(producer, TOPIC, TestEvents.generate(new Random(3), 2_000));
                ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(
                        ExecutionException.class, () -> etl.termination().get(2, TimeUnit.MINUTES));
                assertTrue(
                        failure.getCause().getMessage().contains("column kafka_offset is missing"),
                        failure.getCause().toString());
                EtlStatus status = etl.status();
                assertEquals("FAILED", status.state());
                assertFalse(status.running(), "no consumer thread is left running");
                assertFalse(status.live());
                assertFalse(store.refusedPartitions.isEmpty());
                assertTrue(store.written.get() > 0, "the healthy thread wrote before it was stopped");
                Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(kafka.bootstrapServers(), "fatal");
                for (int p : store.refusedPartitions) {
                    assertFalse(committed.containsKey(new TopicPartition(TOPIC, p)), committed::toString);
                }
                assertFalse(committed.isEmpty(), "the healthy thread committed what it wrote");
            } finally {
                etl.close();
            }
        }
    }

    private static void awaitBothConsumersAssigned(String bootstrap, String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                        .describedGroups()
                        .get(group)
                        .get(10, TimeUnit.SECONDS);
                return description.members().size() == 2
                        && description.members().stream()
                                .allMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(String bootstrap, String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(
                            () -> admin.listConsumerGroupOffsets(group)
                                    .partitionsToOffsetAndMetadata()
                                    .get(10, TimeUnit.SECONDS),
                            m -> true);
        }
    }

    /**
     * Broken for consumer thread 0 only (as if its rows hit a missing column); thread 1 writes fine. Thread 0's
     * failure waits for thread 1's first write, so the test sees a healthy thread being stopped.
     */
    private static final class BrokenStore implements EventStore {
        final AtomicInteger written = new AtomicInteger();
        final Set<Integer> refusedPartitions = ConcurrentHashMap.newKeySet();
        private final CountDownLatch healthyWrote = new CountDownLatch(1);

        @Override
        public String describe() {
            return "broken";
        }

        @Override
        public void migrate() {}

        @Override
        public void write(List<StoredEvent> batch) {
            if (!Thread.currentThread().getName().equals("ugc-etl-0")) {
                written.addAndGet(batch.size());
                healthyWrote.countDown();
                return;
            }
            try {
                healthyWrote.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batch.forEach(e -> refusedPartitions.add(e.partition()));
            throw StoreException.fatal("column kafka_offset is missing", null);
        }

        @Override
        public EventQueries queries() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }
}
