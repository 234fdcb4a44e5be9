package cinema.ugc.app.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.app.DataDirLock;
import cinema.ugc.app.Service;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run assembly keeps its data under its data directory: events accepted before a graceful stop are all in the
 * store after the next start (none lost, none doubled), and a second assembly on a locked directory refuses to start.
 */
class RunRestartIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesStopAndStartAndASecondRunIsRefused() throws Exception {
        String token = TestPipelines.token("restart-user");
        int accepted;
        try (Service first = TestPipelines.start(TestPipelines.settings(dataDir, Map.of()))) {
            DataDirLock.DataDirBusyException busy = assertThrows(
                    DataDirLock.DataDirBusyException.class,
                    () -> TestPipelines.start(TestPipelines.settings(dataDir, Map.of())));
            assertTrue(busy.getMessage().contains("in use by another ugc process"), busy.getMessage());
            ApiClient api = new ApiClient(first.httpPort());
            accepted = api.postBatch(token, events(0, 50)).size()
                    + api.postBatch(token, events(50, 50)).size();
            // stop at once: what the ETL has not stored yet is drained on close or re-read on the next start
        }
        try (Service second = TestPipelines.start(TestPipelines.settings(dataDir, Map.of()))) {
            await().atMost(WAIT).until(() -> second.store().queries().countEvents() == accepted);
            ApiClient api = new ApiClient(second.httpPort());
            api.postBatch(token, events(100, 10));
            await().atMost(WAIT).until(() -> second.store().queries().countEvents() == accepted + 10);
            JsonObject page = api.getJson("/api/v1/me/events?limit=500", token);
            assertEquals(110, page.getJsonArray("events").size());
        }
    }

    private static JsonArray events(int first, int count) {
        JsonArray events = new JsonArray();
        Instant now = Instant.now();
        for (int i = first; i < first + count; i++) {
            events.add(new JsonObject()
                    .put("action", "CLICK")
                    .put("event_time", now.minusSeconds(i).toString())
                    .put("description", "restart " + i));
        }
        return events;
    }
}
