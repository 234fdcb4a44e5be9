package cinema.ugc.app.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.app.Service;
import cinema.ugc.load.LoadOptions;
import cinema.ugc.load.LoadReport;
import cinema.ugc.load.LoadRunner;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./ugc load} (its runner) against the run assembly: every event the API accepted is in the store, once. */
@ExtendWith(SharedPipelineExtension.class)
class LoadAgainstRunIT {

    @Test
    void everyAcceptedEventIsStored(Service pipeline, @TempDir Path tmp) throws Exception {
        long before = pipeline.store().queries().countEvents();
        LoadOptions options = LoadOptions.events(
                        URI.create("http://127.0.0.1:" + pipeline.httpPort()), 3000, TestPipelines.SECRET)
                .withBatching(50, 8)
                .withPopulation(200, 50, 42, System.nanoTime())
                .withLag(10, Duration.ofSeconds(60))
                .withIdsFile(tmp.resolve("accepted.txt"));
        LoadReport report = new LoadRunner(options).run();

        assertEquals(3000, report.eventsAccepted(), report.toText());
        assertEquals(0, report.eventsFailed(), report.toText());
        await().atMost(Duration.ofSeconds(90))
                .until(() -> pipeline.store().queries().countEvents() >= before + report.eventsAccepted());
        assertEquals(
                before + report.eventsAccepted(), pipeline.store().queries().countEvents(), "none doubled");
        assertTrue(report.lag().measured(), report.lag().note());

        // the dashboard's status reads the same figures from the in-process ingest meters and the ETL
        ApiClient api = new ApiClient(pipeline.httpPort());
        String analyst = TestPipelines.token("load-analyst", "analyst");
        await().atMost(Duration.ofSeconds(30)) // the lag settles once the last batch is committed
                .until(() -> api.getJson("/api/v1/stats/status", analyst).getLong("etl_lag") == 0L);
        JsonObject status = api.getJson("/api/v1/stats/status", analyst);
        assertTrue(status.getLong("accepted_events") >= report.eventsAccepted(), status.encode());
        assertEquals(before + report.eventsAccepted(), status.getLong("rows_stored"), status.encode());
    }
}
