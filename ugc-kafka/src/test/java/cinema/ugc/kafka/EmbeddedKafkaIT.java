package cinema.ugc.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void keepsRecordsAcrossRestartOnTheSameDirectoryAndPort() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            int port = kafka.port();
            assertFalse(Topics.exists(kafka.bootstrapServers(), "t", TIMEOUT));
            Topics.ensure(kafka.bootstrapServers(), "t", 2, 1, 1, TIMEOUT);
            Topics.ensure(kafka.bootstrapServers(), "t", 2, 1, 1, TIMEOUT);
            assertTrue(Topics.exists(kafka.bootstrapServers(), "t", TIMEOUT));
            produce(kafka.bootstrapServers(), "t", "user-1", "hello");
            assertEquals(List.of("user-1=hello"), consumeAll(kafka.bootstrapServers(), "t", 1));

            kafka.stop();
            assertFalse(kafka.running());
            kafka.restart();
            assertEquals(port, kafka.port());
            assertEquals(List.of("user-1=hello"), consumeAll(kafka.bootstrapServers(), "t", 1));
            kafka.stop();
        }
        String clusterId = cinema.ugc.kafka.internal.StorageFormat.existingClusterId(dir.resolve("log"))
                .orElseThrow();
        try (EmbeddedKafka again = EmbeddedKafka.start(dir, 0)) {
            assertEquals(List.of("user-1=hello"), consumeAll(again.bootstrapServers(), "t", 1));
        }
        assertEquals(
                clusterId,
                cinema.ugc.kafka.internal.StorageFormat.existingClusterId(dir.resolve("log"))
                        .orElseThrow());
    }

    @Test
    void childProcessSurvivesKillMinusNine() throws Exception {
        BrokerConfig config = BrokerConfig.single(dir, 0);
        int port = cinema.ugc.kafka.internal.Ports.free();
        int controller = cinema.ugc.kafka.internal.Ports.free();
        try (KafkaProcess node = new KafkaProcess(config.withPorts(port, controller))) {
            node.start().awaitReady(EmbeddedKafka.READY_TIMEOUT);
            Topics.ensure(node.bootstrapServers(), "crash", 1, 1, 1, TIMEOUT);
            produce(node.bootstrapServers(), "crash", "u", "before-crash");
            node.kill();
            assertFalse(node.alive());
            node.start().awaitReady(EmbeddedKafka.READY_TIMEOUT);
            assertEquals(List.of("u=before-crash"), consumeAll(node.bootstrapServers(), "crash", 1));
        }
    }

    static void produce(String bootstrap, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new StringSerializer())) {
            p.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    static List<String> consumeAll(String bootstrap, String topic, int expected) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-" + System.nanoTime(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            c.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    seen.add(r.key() + "=" + r.value());
                }
                return seen.size() >= expected;
            });
        }
        return seen;
    }
}
