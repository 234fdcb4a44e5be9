package cinema.ugc.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.ingest.IngestApi;
import cinema.ugc.ingest.IngestSettings;
import cinema.ugc.kafka.EmbeddedKafka;
import cinema.ugc.kafka.Topics;
import cinema.ugc.model.Event;
import cinema.ugc.model.EventCodec;
import cinema.ugc.web.BearerAuth;
import cinema.ugc.web.EventLoops;
import cinema.ugc.web.JwtSettings;
import cinema.ugc.web.JwtVerifier;
import cinema.ugc.web.WebServer;
import cinema.ugc.web.WebSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load generator against the real ingest API and a real Kafka broker, assembled as {@code ./ugc api} does:
 * every event the report counts as accepted is in the topic, under its user's key, with the generator's id.
 */
class LoadAgainstIngestIT {
    private static final String SECRET = "load-it-secret-at-least-thirty-two-bytes!";
    private static final String TOPIC = "ugc.events";

    private static Path dir;
    private static EmbeddedKafka kafka;
    private static Vertx vertx;
    private static IngestApi ingest;
    private static WebServer server;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("ugc-load-it");
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        Topics.ensure(kafka.bootstrapServers(), TOPIC, 3, 1, 1, Duration.ofSeconds(30));
        vertx = EventLoops.create();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BearerAuth auth = new BearerAuth(JwtVerifier.create(vertx, JwtSettings.hmac(SECRET)));
        ingest = IngestApi.create(vertx, IngestSettings.defaults(), kafka.bootstrapServers(), TOPIC, auth, registry);
        server = WebServer.builder(vertx, WebSettings.forTests(), registry)
                .routes(ingest.routes())
                .readiness(ingest.readiness())
                .build();
        server.start().await();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop().await();
        }
        if (ingest != null) {
            ingest.close();
        }
        if (vertx != null) {
            vertx.close().await();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static LoadOptions options(long events, Path ids) {
        return LoadOptions.events(URI.create("http://127.0.0.1:" + server.port()), events, SECRET)
                .withPopulation(200, 50, 7, 1234)
                .withIdsFile(ids);
    }

    @Test
    void everyAcceptedEventIsInTheTopicUnderItsUser(@TempDir Path tmp) throws Exception {
        Path ids = tmp.resolve("accepted.ids");
        LoadReport report = new LoadRunner(options(3_000, ids).withBatching(50, 4)).run();

        assertEquals(3_000, report.eventsSent());
        assertEquals(3_000, report.eventsAccepted(), report.toText());
        assertEquals(0, report.eventsFailed(), report.toText());
        assertTrue(report.errorsByStatus().isEmpty());
        assertEquals(report.requests(), report.latency().count());
        assertFalse(report.lag().measured(), "an ingest-only server has no read API");
        List<String> accepted = Files.readAllLines(ids);
        assertEquals(3_000, new HashSet<>(accepted).size());

        Map<UUID, Event> inTopic = readTopic();
        for (String id : accepted) {
            Event e = inTopic.get(UUID.fromString(id));
            assertTrue(e != null, "accepted event " + id + " is not in the topic");
        }
    }

    @Test
    void singleEventRequestsPreparedUpFrontUseTheSingleEndpoint(@TempDir Path tmp) throws Exception {
        LoadReport report = new LoadRunner(
                        options(200, tmp.resolve("ids")).withBatching(1, 8).withPregenerate(true))
                .run();
        assertEquals(200, report.eventsAccepted(), report.toText());
        assertEquals(200, report.requests());
    }

    @Test
    void aBadSecretIsReportedAs401s() throws Exception {
        LoadOptions wrong = LoadOptions.builder(
                        URI.create("http://127.0.0.1:" + server.port()),
                        "another-secret-that-is-at-least-32-bytes-long")
                .events(100)
                .batching(10, 2)
                .population(50, 10)
                .seeds(1, 1)
                .lag(0, Duration.ofSeconds(1))
                .maxAttempts(3)
                .build();
        LoadReport report = new LoadRunner(wrong).run();
        assertEquals(0, report.eventsAccepted());
        assertEquals(100, report.eventsFailed());
        assertEquals(Set.of("401"), report.errorsByStatus().keySet());
    }

    /** Every event in the topic by id; the key must be the event's user. */
    private static Map<UUID, Event> readTopic() {
        EventCodec codec = new EventCodec();
        Map<UUID, Event> found = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    Event e = codec.decode(r.value());
                    assertEquals(e.userId(), new String(r.key(), StandardCharsets.UTF_8));
                    found.put(e.eventId(), e);
                });
            }
        }
        return found;
    }
}
