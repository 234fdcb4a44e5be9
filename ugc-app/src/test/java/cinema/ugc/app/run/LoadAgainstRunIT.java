package cinema.ugc.app.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.app.Pipeline;
import cinema.ugc.load.LoadOptions;
import cinema.ugc.load.LoadReport;
import cinema.ugc.load.LoadRunner;
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
    void everyAcceptedEventIsStored(Pipeline pipeline, @TempDir Path tmp) throws Exception {
        long before = pipeline.store().queries().countEvents();
        LoadOptions options = LoadOptions.events(URI.create("http://127.0.0.1:" + pipeline.httpPort()), 3000,
                        TestPipelines.SECRET)
                .withBatching(50, 8).withPopulation(200, 50, 42, System.nanoTime())
                .withLag(10, Duration.ofSeconds(60)).withIdsFile(tmp.resolve("accepted.txt"));
        LoadReport report = new LoadRunner(options).run();

        assertEquals(3000, report.eventsAccepted(), report.toText());
        assertEquals(0, report.eventsFailed(), report.toText());
        await().atMost(Duration.ofSeconds(90))
                .until(() -> pipeline.store().queries().countEvents() >= before + report.eventsAccepted());
        assertEquals(before + report.eventsAccepted(), pipeline.store().queries().countEvents(), "none doubled");
        assertTrue(report.lag().measured(), report.lag().note());
    }
}
