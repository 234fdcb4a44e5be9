package cinema.ugc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.etl.EtlStatus;
import cinema.ugc.web.WebServer;
import cinema.ugc.web.WebSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ETL's /status and health checks on the shared {@link WebServer}, over real HTTP on a free port. */
class EtlEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<EtlStatus> status =
            new AtomicReference<>(new EtlStatus("STARTING", false, 0, 0, 0, -1, Map.of(), 0, null));
    private Vertx vertx;
    private WebServer server;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        EtlEndpoints etl = new EtlEndpoints(status::get);
        server = WebServer.builder(vertx, WebSettings.forTests(), registry)
                .routes(etl)
                .readiness(etl.readiness())
                .liveness(etl.liveness())
                .build();
        server.start().await();
    }

    @AfterEach
    void stop() {
        server.stop().await();
        vertx.close().await();
    }

    @Test
    void servesMetricsHealthAndStatus() throws Exception {
        Counter.builder("ugc.etl.rows.inserted").register(registry).increment(42);
        HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("ugc_etl_rows_inserted_total 42.0"), metrics.body());
        assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "the process panels' JVM meters");
        assertEquals(200, get("/health/live").statusCode());
        HttpResponse<String> starting = get("/health/ready");
        assertEquals(503, starting.statusCode(), "not ready before the first poll");
        assertEquals("ETL is STARTING", json(starting).at("/checks/etl/detail").asText());
        HttpResponse<String> unknownLag = get("/status");
        assertEquals(
                "application/json",
                unknownLag.headers().firstValue("Content-Type").orElse(""));
        assertTrue(json(unknownLag).get("lag").isNull(), "a lag not read yet is unknown, not zero");

        status.set(new EtlStatus("BACKOFF", true, 10, 5, 1, 7, Map.of(0, 3L, 1, 4L), 4, "store \"down\""));
        assertEquals(200, get("/health/ready").statusCode(), "a back-off is recoverable: still ready");
        JsonNode s = json(get("/status"));
        assertEquals("BACKOFF", s.get("state").asText());
        assertEquals(10, s.get("consumed").asLong());
        assertEquals(5, s.get("inserted").asLong());
        assertEquals(1, s.get("dead_lettered").asLong());
        assertEquals(7, s.get("lag").asLong());
        assertEquals(4, s.get("lag_by_partition").get("1").asLong());
        assertEquals(4, s.get("pending").asLong());
        assertEquals("store \"down\"", s.get("error").asText());
    }

    @Test
    void anErrorMessageWithControlCharactersStaysValidJson() throws Exception {
        String raw = "line 1\tcolumn\u0001\r\nline 2 \\ \u2028";
        status.set(new EtlStatus("BACKOFF", true, 10, 5, 1, 7, Map.of(), 4, raw));
        assertEquals(raw, json(get("/status")).get("error").asText());
    }

    @Test
    void aFatalFailureIsNeitherLiveNorReady() throws Exception {
        status.set(new EtlStatus("FAILED", false, 10, 5, 1, 7, Map.of(), 4, "schema mismatch"));
        HttpResponse<String> live = get("/health/live");
        assertEquals(503, live.statusCode());
        assertEquals("DOWN", json(live).get("status").asText());
        assertEquals(
                "ETL is FAILED: schema mismatch",
                json(live).at("/checks/etl/detail").asText());
        assertEquals(503, get("/health/ready").statusCode());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
