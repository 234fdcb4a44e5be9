package cinema.ugc.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The standalone ETL's /metrics, /health and /status over real HTTP on a free port. */
class EtlHttpServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesMetricsHealthAndStatus() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("ugc.etl.rows.inserted").register(registry).increment(42);
        AtomicReference<EtlStatus> status = new AtomicReference<>(
                new EtlStatus("STARTING", false, 0, 0, 0, -1, Map.of(), 0, null));
        try (EtlHttpServer server = EtlHttpServer.start(0, registry, status::get)) {
            HttpResponse<String> metrics = get(server, "/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("ugc_etl_rows_inserted_total 42.0"), metrics.body());
            assertEquals(200, get(server, "/health/live").statusCode());
            assertEquals(503, get(server, "/health/ready").statusCode(), "not ready before the first poll");
            assertTrue(new ObjectMapper().readTree(get(server, "/status").body()).get("lag").isNull(),
                    "a lag not read yet is unknown, not zero");

            status.set(new EtlStatus("BACKOFF", true, 10, 5, 1, 7, Map.of(0, 3L, 1, 4L), 4, "store \"down\""));
            assertEquals(200, get(server, "/health/ready").statusCode(), "a back-off is recoverable: still ready");
            JsonNode json = new ObjectMapper().readTree(get(server, "/status").body());
            assertEquals("BACKOFF", json.get("state").asText());
            assertEquals(7, json.get("lag").asLong());
            assertEquals(4, json.get("lag_by_partition").get("1").asLong());
            assertEquals("store \"down\"", json.get("error").asText());

            status.set(new EtlStatus("FAILED", false, 10, 5, 1, 7, Map.of(), 4, "schema mismatch"));
            assertEquals(503, get(server, "/health/live").statusCode());
            assertEquals(503, get(server, "/health/ready").statusCode());
        }
    }

    private HttpResponse<String> get(EtlHttpServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
