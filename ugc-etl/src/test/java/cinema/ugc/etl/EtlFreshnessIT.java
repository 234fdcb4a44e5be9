package cinema.ugc.etl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.kafka.EmbeddedKafka;
import cinema.ugc.kafka.Topics;
import cinema.ugc.model.Event;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStores;
import cinema.ugc.store.StoreSettings;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the batch is written, against a real broker and a real store: at once (the write interval since the previous
 * write has passed) when the consumer has caught up, and only at its full size while there is a backlog. The batch age is set far longer than
 * any wait here, so a batch that waited for it fails the test; no assertion is a timing target.
 */
class EtlFreshnessIT {
    private static final String TOPIC = "ugc.events";
    private static final String DLQ = "ugc.events.dlq";
    private static final Duration LONG_AGE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void anEventAfterAnIdleSpellIsWrittenLongBeforeTheBatchAge() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0);
                EventStore store = EventStores.open(StoreSettings.duckdb(tmp.resolve("ugc.duckdb")));
                KafkaProducer<byte[], byte[]> producer = TestEvents.producer(kafka.bootstrapServers())) {
            topics(kafka);
            store.migrate();
            EtlSettings settings = EtlSettings.defaults()
                    .withBatch(10_000, LONG_AGE, Duration.ofMillis(100))
                    .withGroup("idle");
            List<Event> events = TestEvents.generate(new Random(3), 2);
            try (Etl etl = new Etl(settings, etlKafka(kafka), store, new SimpleMeterRegistry()).start()) {
                for (int i = 0; i < events.size(); i++) {
                    TestEvents.send(producer, TOPIC, events.subList(i, i + 1));
                    long expected = i + 1;
                    // a third of the batch age: a batch that waited for its age cannot pass
                    await().atMost(LONG_AGE.dividedBy(3))
                            .until(() -> store.queries().countEvents() == expected);
                }
                assertEquals(events.size(), etl.status().inserted());
            }
        }
    }

    @Test
    void aBacklogIsWrittenInFullBatchesNotPollByPoll() {
        int backlog = 25_000; // 2.5 polls of max.poll.records (10,000): a poll-by-poll write never exceeds 10,000
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0);
                EventStore store = EventStores.open(StoreSettings.duckdb(tmp.resolve("ugc.duckdb")));
                KafkaProducer<byte[], byte[]> producer = TestEvents.producer(kafka.bootstrapServers())) {
            topics(kafka);
            store.migrate();
            TestEvents.send(producer, TOPIC, TestEvents.generate(new Random(5), backlog));
            EtlSettings settings = EtlSettings.defaults()
                    .withBatch(backlog, LONG_AGE, Duration.ZERO)
                    .withConsumers(1)
                    .withGroup("backlog");
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (Etl etl = new Etl(settings, etlKafka(kafka), store, registry).start()) {
                DistributionSummary batches = registry.get("ugc.etl.batch.size").summary();
                // delivered (written and committed) records, counted after the commit
                await().atMost(LONG_AGE.dividedBy(2)).until(() -> batches.totalAmount() >= backlog);
                assertEquals(backlog, store.queries().countEvents());
                assertEquals(1, batches.count(), "one batch of the configured size, even with a zero write interval");
                assertTrue(batches.max() >= backlog, () -> "largest batch " + batches.max());
                assertEquals(backlog, etl.status().inserted());
            }
        }
    }

    private static void topics(EmbeddedKafka kafka) {
        Topics.ensure(kafka.bootstrapServers(), TOPIC, 3, 1, 1, Duration.ofSeconds(30));
        Topics.ensure(kafka.bootstrapServers(), DLQ, 1, 1, 1, Duration.ofSeconds(30));
    }

    private static EtlKafka etlKafka(EmbeddedKafka kafka) {
        return new EtlKafka(kafka.bootstrapServers(), TOPIC, DLQ);
    }
}
