package cinema.ugc.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away under a running API: requests get 503 + Retry-After within the delivery timeout and nothing is
 * acknowledged; when the broker is back the same event is accepted and lands exactly once.
 */
class BrokerOutageIT {
    static TestApi api;

    @BeforeAll
    static void start() throws Exception {
        api = new TestApi(IngestSettings.defaults().withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stop() {
        api.close();
        assertFalse(Files.exists(api.dir), "the broker's temporary directory is deleted: " + api.dir);
    }

    static byte[] event(String id) {
        return TestApi.event("CLICK", "event_id", "\"" + id + "\"").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void brokerDownIs503WithRetryAfterAndBrokerBackIsAccepted() throws Exception {
        String user = TestApi.newUser();
        assertEquals(
                202,
                api.send(api.postJson(
                                "/api/v1/events", user, event(UUID.randomUUID().toString())))
                        .statusCode());

        api.kafka.stop();
        String id = UUID.randomUUID().toString();
        HttpResponse<String> down = api.send(api.postJson("/api/v1/events", user, event(id)));
        assertEquals(503, down.statusCode(), down.body());
        assertTrue(down.headers().firstValue("Retry-After").isPresent());
        assertEquals(
                "application/problem+json",
                down.headers().firstValue("Content-Type").orElse(""));
        assertTrue(new JsonObject(down.body()).getString("detail").contains("nothing was accepted"));
        HttpResponse<String> batchDown = api.send(api.postJson(
                "/api/v1/events/batch",
                user,
                ("[" + TestApi.event("VIEW") + "," + TestApi.event("VIEW") + "]").getBytes(StandardCharsets.UTF_8)));
        assertEquals(503, batchDown.statusCode(), batchDown.body());
        assertEquals(503, api.send(api.request("/health/ready")).statusCode());
        assertTrue(api.send(api.request("/metrics")).body().contains("ugc_ingest_producer_errors_total"));

        api.kafka.restart();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.send(api.postJson("/api/v1/events", user, event(id)))
                                .statusCode()
                        == 202);
        assertEquals(200, api.send(api.request("/health/ready")).statusCode());
        var records = api.recordsOf(user);
        long copies = records.stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(id))
                .count();
        // A re-sent attempt may land more than once (a timed-out write can still succeed): event_id dedups downstream.
        assertTrue(copies >= 1, "the re-sent event is in the topic");
        assertEquals(
                1,
                records.size() - copies,
                "besides it only the event accepted before the outage: the refused batch is absent");
    }
}
