package cinema.ugc.app.etl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.app.Roles;
import cinema.ugc.app.RunSettings;
import cinema.ugc.app.Service;
import cinema.ugc.etl.ExactlyOnce;
import cinema.ugc.etl.TestEvents;
import cinema.ugc.kafka.EmbeddedKafka;
import cinema.ugc.kafka.KafkaSettings;
import cinema.ugc.kafka.Topics;
import cinema.ugc.kafka.erasure.ErasureTopics;
import cinema.ugc.kafka.internal.Ports;
import cinema.ugc.model.Event;
import cinema.ugc.model.config.Env;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ugc etl}'s process as {@link Service} assembles it for the ETL role alone, on a real broker and DuckDB:
 * its topics created, and /health/live, /health/ready, /metrics and /status served by the shared web server on
 * UGC_ETL_HTTP_PORT (not UGC_HTTP_PORT), without tokens or the ingest routes.
 */
class EtlProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void servesHealthMetricsAndStatusOnTheEtlPortThroughTheSharedServer() throws Exception {
        int etlPort = Ports.free();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0);
                KafkaProducer<byte[], byte[]> producer = TestEvents.producer(kafka.bootstrapServers())) {
            Env env = env(kafka.bootstrapServers(), etlPort);
            Roles roles = Roles.etl(KafkaSettings.from(env));
            try (Service etl = Service.start(RunSettings.from(env, roles), roles)) {
                assertEquals(etlPort, etl.httpPort());
                for (String topic :
                        List.of("ugc.events", "ugc.events.dlq", ErasureTopics.REQUESTS, ErasureTopics.STATUS)) {
                    assertTrue(Topics.exists(kafka.bootstrapServers(), topic, Duration.ofSeconds(10)), topic);
                }
                HttpResponse<String> live = get(etlPort, "/health/live");
                assertEquals(200, live.statusCode());
                assertEquals("UP", json(live).at("/checks/etl/status").asText());
                assertTrue(live.headers().firstValue("X-Request-Id").isPresent(), "served by the shared WebServer");
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> get(etlPort, "/health/ready").statusCode() == 200);

                List<Event> events = TestEvents.generate(new Random(7), 200);
                TestEvents.send(producer, "ugc.events", events);
                await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp(status(etlPort), events.size()));
                JsonNode status = status(etlPort);
                assertEquals(200, status.get("consumed").asLong());
                assertEquals(0, status.get("dead_lettered").asLong());
                ExactlyOnce.assertCountedOnce(etl.store().queries(), events);

                HttpResponse<String> metrics = get(etlPort, "/metrics");
                assertEquals(200, metrics.statusCode());
                assertTrue(
                        metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
                assertTrue(metrics.body().contains("ugc_etl_rows_inserted_total 200.0"), metrics.body());
                assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "the process panels' JVM meters");
                assertEquals(404, get(etlPort, "/api/v1/events").statusCode(), "an ETL serves no ingest API");
                assertFalse(Files.exists(tmp.resolve("data/jwt-secret")), "an ETL generates no token secret");
            }
            assertThrows(ConnectException.class, () -> get(etlPort, "/health/live"), "closed with the service");
        }
    }

    private Env env(String bootstrap, int etlPort) {
        Map<String, String> env = new HashMap<>();
        env.put("UGC_DATA_DIR", tmp.resolve("data").toString());
        env.put("UGC_KAFKA_BOOTSTRAP", bootstrap);
        env.put("UGC_KAFKA_PARTITIONS", "2");
        env.put("UGC_STORE", "duckdb");
        env.put("UGC_DUCKDB_PATH", tmp.resolve("ugc.duckdb").toString());
        env.put("UGC_ETL_HTTP_PORT", Integer.toString(etlPort));
        env.put("UGC_HTTP_PORT", Integer.toString(Ports.free()));
        env.put("UGC_HTTP_HOST", "127.0.0.1");
        env.put("UGC_ETL_BATCH_AGE", "200ms");
        env.put("UGC_ETL_GROUP", "etl-process-it");
        return Env.of(env);
    }

    /** Every event inserted and the group's lag known to be 0 (a lag not read yet is null, not 0). */
    private static boolean caughtUp(JsonNode status, int events) {
        return status.path("inserted").asLong() == events
                && status.path("lag").isNumber()
                && status.path("lag").asLong() == 0;
    }

    private JsonNode status(int port) throws Exception {
        return json(get(port, "/status"));
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
