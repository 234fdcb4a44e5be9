package cinema.ugc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.app.DataDirLock;
import cinema.ugc.app.Role;
import cinema.ugc.app.Roles;
import cinema.ugc.app.RunSettings;
import cinema.ugc.app.Service;
import cinema.ugc.kafka.KafkaSettings;
import cinema.ugc.kafka.Topics;
import cinema.ugc.model.config.Env;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ugc api}'s process as {@link Service} assembles it for the API role with its embedded broker: it accepts
 * events, creates every topic, locks the data directory, and has no store, ETL, read API or {@code /status}.
 */
class ApiProcessIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void theApiRoleWithItsBrokerAcceptsEventsAndRunsNoStoreOrEtl() throws Exception {
        Path data = tmp.resolve("data");
        Env env = Env.of(Map.of(
                "UGC_DATA_DIR",
                data.toString(),
                "UGC_HTTP_HOST",
                "127.0.0.1",
                "UGC_HTTP_PORT",
                "0",
                "UGC_KAFKA_PORT",
                "0",
                "UGC_KAFKA_PARTITIONS",
                "2",
                "UGC_JWT_SECRET",
                TestPipelines.SECRET));
        Roles roles = Roles.api(KafkaSettings.from(env));
        assertEquals(Set.of(Role.BROKER, Role.API), roles.set());
        try (Service api = Service.start(RunSettings.from(env, roles), roles)) {
            assertNull(api.store());
            assertNull(api.etl());
            assertThrows(DataDirLock.DataDirBusyException.class, () -> DataDirLock.acquire(data));
            for (String topic : List.of("ugc.events", "ugc.events.dlq", "ugc.erasures", "ugc.erasure-status")) {
                assertTrue(Topics.exists(api.bootstrapServers(), topic, Duration.ofSeconds(10)), topic);
            }
            ApiClient client = new ApiClient(api.httpPort());
            JsonArray ids = client.postBatch(
                    TestPipelines.token("api-process-user"),
                    new JsonArray()
                            .add(new JsonObject()
                                    .put("action", "CLICK")
                                    .put("event_time", Instant.now().toString())));
            assertEquals(1, ids.size());
            assertEquals(200, get(api, "/health/ready").statusCode());
            assertEquals(404, get(api, "/status").statusCode(), "no ETL in this process");
            assertEquals(404, get(api, "/api/v1/stats/overview").statusCode(), "no read API without the store");
        }
    }

    private HttpResponse<String> get(Service api, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.httpPort() + path))
                        .header("Authorization", "Bearer " + TestPipelines.token("api-process-analyst", "analyst"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
