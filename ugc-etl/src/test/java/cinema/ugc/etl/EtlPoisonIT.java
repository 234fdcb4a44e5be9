package cinema.ugc.etl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.kafka.EmbeddedKafka;
import cinema.ugc.kafka.Topics;
import cinema.ugc.model.Event;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStores;
import cinema.ugc.store.StoreSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison records land in the dead-letter topic with their headers while good events keep flowing to the store — with
 * the default two consumer threads, each owning some of the partitions.
 */
class EtlPoisonIT {
    private static final String TOPIC = "ugc.events";
    private static final String DLQ = "ugc.events.dlq";

    @TempDir
    Path tmp;

    @Test
    void poisonGoesToTheDeadLetterTopicAndGoodEventsAreStored() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0);
                EventStore store = EventStores.open(StoreSettings.duckdb(tmp.resolve("ugc.duckdb")));
                KafkaProducer<byte[], byte[]> producer = TestEvents.producer(kafka.bootstrapServers())) {
            Topics.ensure(kafka.bootstrapServers(), TOPIC, 3, 1, 1, Duration.ofSeconds(30));
            Topics.ensure(kafka.bootstrapServers(), DLQ, 1, 1, 1, Duration.ofSeconds(30));
            store.migrate();
            List<byte[]> poison = poison();
            List<Event> good = TestEvents.generate(new Random(7), 3_000);
            for (int i = 0; i < poison.size(); i++) {
                TestEvents.send(producer, TOPIC, good.subList(i * 500, (i + 1) * 500));
                TestEvents.sendRaw(producer, TOPIC, "user-" + i, poison.get(i));
            }
            TestEvents.send(producer, TOPIC, good.subList(poison.size() * 500, good.size()));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            EtlSettings settings = EtlSettings.defaults()
                    .withBatch(1_000, Duration.ofMillis(200))
                    .withGroup("poison");
            try (Etl etl =
                    new Etl(settings, new EtlKafka(kafka.bootstrapServers(), TOPIC, DLQ), store, registry).start()) {
                await().atMost(Duration.ofMinutes(2))
                        .until(() -> store.queries().countEvents() == good.size()
                                && etl.status().deadLettered() == poison.size());
                List<ConsumerRecord<byte[], byte[]>> dead = readAll(kafka.bootstrapServers(), DLQ, poison.size());
                assertEquals(poison.size(), dead.size());
                Set<String> bodies = dead.stream()
                        .map(r -> r.value() == null ? "<null>" : new String(r.value(), StandardCharsets.UTF_8))
                        .collect(Collectors.toSet());
                assertTrue(bodies.contains("not json at all"), bodies::toString);
                for (ConsumerRecord<byte[], byte[]> r : dead) {
                    Map<String, String> h = headers(r);
                    assertEquals(TOPIC, h.get("ugc.source.topic"));
                    assertTrue(h.get("ugc.error") != null && !h.get("ugc.error").isBlank(), h.toString());
                    assertSourcePointsAtTheRecord(kafka.bootstrapServers(), h, r.value());
                }
                assertEquals(good.size(), etl.status().inserted());
                assertEveryConsumerOwnsPartitions(kafka.bootstrapServers(), "poison", settings.consumers());
                assertEquals(
                        (double) good.size() + poison.size(),
                        registry.get("ugc.etl.records.consumed").counter().count());
            }
        }
    }

    private static void assertEveryConsumerOwnsPartitions(String bootstrap, String group, int consumers) {
        assertEquals(2, consumers, "the default");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(group))
                    .describedGroups()
                    .get(group)
                    .get(30, TimeUnit.SECONDS);
            assertEquals(consumers, g.members().size(), g::toString);
            g.members()
                    .forEach(m -> assertFalse(m.assignment().topicPartitions().isEmpty(), g::toString));
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot describe group " + group, e);
        }
    }

    private static List<byte[]> poison() {
        String valid = new String(
                new cinema.ugc.model.EventCodec().encode(TestEvents.event(new Random(1))), StandardCharsets.UTF_8);
        return List.of(
                "not json at all".getBytes(StandardCharsets.UTF_8),
                "[1,2,3]".getBytes(StandardCharsets.UTF_8),
                valid.replace("\"v\":1", "\"v\":99").getBytes(StandardCharsets.UTF_8),
                valid.replaceAll("\"event_id\":\"[^\"]+\"", "\"event_id\":\"nope\"")
                        .getBytes(StandardCharsets.UTF_8),
                ("{\"v\":1,\"event_id\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> out = new HashMap<>();
        for (Header h : r.headers()) {
            out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The headers name the source record exactly: reading that partition and offset gives the same bytes. */
    private static void assertSourcePointsAtTheRecord(String bootstrap, Map<String, String> h, byte[] value) {
        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
            var tp = new org.apache.kafka.common.TopicPartition(TOPIC, Integer.parseInt(h.get("ugc.source.partition")));
            c.assign(List.of(tp));
            c.seek(tp, Long.parseLong(h.get("ugc.source.offset")));
            List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(got::add);
                return !got.isEmpty();
            });
            assertEquals(
                    new String(value, StandardCharsets.UTF_8),
                    new String(got.get(0).value(), StandardCharsets.UTF_8));
        }
    }

    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, int expected) {
        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
            c.subscribe(List.of(topic));
            List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(got::add);
                return got.size() >= expected;
            });
            return got;
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
    }
}
