package cinema.ugc.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.web.BearerAuth;
import cinema.ugc.web.EventLoops;
import cinema.ugc.web.JwtSettings;
import cinema.ugc.web.JwtVerifier;
import cinema.ugc.web.WebServer;
import cinema.ugc.web.WebSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the load generator behaves towards a server over real HTTP: it honours 503 + Retry-After by re-sending (and
 * counts it), and it measures the visibility lag through {@code GET /api/v1/me/events}. The server is the real
 * {@code ugc-web} server with a scripted route group ({@link ScriptedApi}).
 */
class LoadClientBehaviourIT {
    private static final String SECRET = "load-it-secret-at-least-thirty-two-bytes!";

    private final Vertx vertx = EventLoops.create();
    private WebServer server;

    private ScriptedApi start(int unavailable, long visibleAfterMs) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ScriptedApi api = new ScriptedApi(
                new BearerAuth(JwtVerifier.create(vertx, JwtSettings.hmac(SECRET))), unavailable, visibleAfterMs);
        server = WebServer.builder(vertx, WebSettings.forTests(), registry)
                .routes(api)
                .build();
        server.start().await();
        return api;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop().await();
        }
        vertx.close().await();
    }

    private LoadOptions options(long events) {
        return LoadOptions.events(URI.create("http://127.0.0.1:" + server.port() + "/"), events, SECRET)
                .withPopulation(100, 20, 3, 3)
                .withBatching(20, 2);
    }

    @Test
    void retriesAfter503AndCountsTheRetries() throws Exception {
        ScriptedApi api = start(3, 0);
        LoadReport report = new LoadRunner(options(400).withLag(0, Duration.ofSeconds(1))).run();
        assertEquals(3, api.refused.get());
        assertEquals(3, report.retries(), report.toText());
        assertEquals(400, report.eventsAccepted(), report.toText());
        assertEquals(0, report.eventsFailed());
        assertEquals(400, api.stored());
        assertEquals(report.requests(), report.latency().count());
        assertEquals(
                report.requests() - report.retries(),
                report.sendLag().count(),
                "how late a request left is counted for first attempts only");
    }

    @Test
    void aClientThatCannotKeepItsScheduleSaysHowLateItSent() throws Exception {
        ScriptedApi api = start(0, 0);
        api.answerDelayMs = 50;
        // One lane and a 50 ms answer: at most 20 requests a second, while 1,000 events/s in batches of at most 5 are
        // due at least 200 times a second. The k-th request is due within 5 (k - 1) ms of the start and cannot leave
        // before 50 (k - 1) ms, so it is sent at least 45 (k - 1) ms late, whatever the machine.
        LoadOptions oneLane = LoadOptions.builder(URI.create("http://127.0.0.1:" + server.port()), SECRET)
                .rate(1_000)
                .duration(Duration.ofSeconds(1))
                .batching(5, 1)
                .population(100, 20)
                .seeds(3, 3)
                .lag(0, Duration.ofSeconds(1))
                .maxAttempts(1)
                .build();
        LoadReport report = new LoadRunner(oneLane).run();

        long requests = report.sendLag().count();
        assertEquals(report.requests(), requests, report.toText());
        assertTrue(requests >= 10, "a second of 50 ms answers: " + report.toText());
        // the median request is at least the (requests / 2)-th: sent >= 45 ms * (requests / 2 - 1) late
        assertTrue(report.sendLag().p50Ms() >= 45.0 * (requests / 2 - 1), report.toText());
        assertTrue(report.sendLag().maxMs() >= 45.0 * (requests - 1), report.toText());
        // the lag is part of every request's latency (due -> answer), so no percentile of it can exceed the latency's
        assertTrue(report.latency().p50Ms() >= report.sendLag().p50Ms(), report.toText());
        // and the latest-sent request still waited its 50 ms answer (45: room for the histograms' rounding)
        assertTrue(report.latency().maxMs() >= report.sendLag().maxMs() + 45, report.toText());
        assertTrue(report.toText().contains("sent late"), report.toText());
        assertEquals(
                report.sendLag().p99Ms(),
                report.toJson().get("send_lag_ms").get("p99").asDouble(),
                report.toText());
    }

    @Test
    void retriesAfter429AsAfter503() throws Exception {
        ScriptedApi api = start(2, 0);
        api.rateLimited = true;
        LoadReport report = new LoadRunner(options(100).withLag(0, Duration.ofSeconds(1))).run();
        assertEquals(2, api.refused.get());
        assertEquals(2, report.retries(), report.toText());
        assertEquals(100, report.eventsAccepted(), report.toText());
        assertEquals(100, api.stored());
    }

    @Test
    void aWarmupIsSentButLeftOutOfTheFigures(@TempDir Path dir) throws Exception {
        ScriptedApi api = start(0, 0);
        Path ids = dir.resolve("ids");
        LoadOptions timed = LoadOptions.builder(URI.create("http://127.0.0.1:" + server.port()), SECRET)
                .rate(400)
                .duration(Duration.ofSeconds(1))
                .batching(5, 2)
                .population(100, 20)
                .seeds(3, 3)
                .lag(0, Duration.ofSeconds(1))
                .idsFile(ids)
                .maxAttempts(3)
                .warmup(Duration.ofSeconds(1))
                .build();
        LoadReport report = new LoadRunner(timed).run();

        LoadReport.Warmup warmup = report.warmup();
        assertTrue(warmup.eventsAccepted() > 100, report.toText());
        assertTrue(report.eventsAccepted() > 100, report.toText());
        assertEquals(0, warmup.eventsFailed());
        assertTrue(warmup.seconds() >= 1.0, report.toText());
        assertEquals(warmup.eventsAccepted() + report.eventsAccepted(), api.stored(), "the server got both phases");
        List<String> written = Files.readAllLines(ids);
        assertEquals(api.stored(), written.size(), "every accepted id written");
        assertEquals(written.size(), written.stream().distinct().count(), "no id written twice");
        assertEquals(report.requests(), report.latency().count(), "latency covers the measured requests only");
        assertEquals(report.eventsAccepted(), report.eventsSent(), "warm-up events are not in the run's counts");
        assertTrue(report.toText().contains("warm-up:"), report.toText());
        assertEquals(
                warmup.eventsAccepted(),
                report.toJson().get("warmup").get("events_accepted").asLong());
    }

    @Test
    void givesUpAfterMaxAttemptsAndReportsThe503s() throws Exception {
        start(1_000, 0);
        LoadOptions twoAttempts = options(40).toBuilder()
                .batching(20, 1)
                .lag(0, Duration.ofSeconds(1))
                .maxAttempts(2)
                .build();
        LoadReport report = new LoadRunner(twoAttempts).run();
        assertEquals(0, report.eventsAccepted());
        assertEquals(40, report.eventsFailed());
        long firstAttempts = report.requests() - report.retries();
        assertEquals(firstAttempts, report.retries(), "every request was sent exactly twice: " + report.toText());
        assertEquals(firstAttempts, report.errorsByStatus().get("503"), "each failed for good with a 503");
        assertTrue(firstAttempts >= 2, "40 events in batches of at most 20: " + report.toText());
    }

    @Test
    void measuresTheVisibilityLagThroughTheReadApi(@TempDir Path tmp) throws Exception {
        ScriptedApi api = start(0, 300);
        Path ids = tmp.resolve("ids.txt");
        LoadReport report =
                new LoadRunner(options(2_000).withLag(5, Duration.ofSeconds(30)).withIdsFile(ids)).run();
        System.out.println(report.toText());
        assertTrue(report.lag().measured(), report.toText());
        assertTrue(report.lag().samples() >= 1 && report.lag().samples() <= 5, "1 to the 5 asked: " + report.toText());
        assertTrue(report.lag().p50Ms() >= 300, "events become visible 300 ms after the 202: " + report.toText());
        assertEquals(0, api.unfilteredReads.get(), "probes read by action and film, a prefix of ClickHouse's sort key");
        Path json = tmp.resolve("report.json");
        report.writeJson(json);
        JsonNode summary = new ObjectMapper().readTree(json.toFile());
        assertEquals(2_000, summary.get("events_accepted").asLong());
        assertTrue(summary.get("visibility_lag_ms").get("measured").asBoolean());
        assertEquals(
                2_000,
                Files.readAllLines(
                                Path.of(summary.get("accepted_event_ids_file").asText()))
                        .size());
    }
}
