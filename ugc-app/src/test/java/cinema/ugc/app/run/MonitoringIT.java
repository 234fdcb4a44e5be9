package cinema.ugc.app.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cinema.ugc.app.Service;
import cinema.ugc.app.monitoring.MonitoringFiles;
import cinema.ugc.ops.servers.ClickHouseServer;
import cinema.ugc.testkit.MonitoringProcess;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/monitoring against real processes: Debian's Prometheus scrapes a running pipeline (its ETL writing to a
 * real ClickHouse) and evaluates the rule file, shortened to seconds; Debian's Alertmanager delivers to a webhook
 * in this test. Every metric the rules and the dashboard read must be exported, every panel must have data, and
 * stopping ClickHouse must take the store alert from pending to firing to Alertmanager, and back to resolved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedPipelineExtension.class)
class MonitoringIT {
    private static final String JOB = "ugc-run";
    private static final String STORE_ALERT = "UgcStoreWriteFailures";
    private static final Duration WAIT = Duration.ofSeconds(60);
    // the shared assembly's store sees these events too: a film of this test's own keeps other tests' counts intact
    private static final String FILM = "monitoring-" + UUID.randomUUID();

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<JsonObject> notifications = new CopyOnWriteArrayList<>();
    private final List<String> loadErrors = new CopyOnWriteArrayList<>();
    private ClickHouseServer clickhouse;
    private Service pipeline;
    private HttpServer webhook;
    private MonitoringProcess alertmanager;
    private MonitoringProcess prometheus;
    private ScheduledExecutorService load;
    private ApiClient api;

    @BeforeAll
    void start(Service shared, @TempDir Path tmp) throws IOException {
        clickhouse = ClickHouseServer.start(tmp);
        pipeline = TestPipelines.start(TestPipelines.settings(
                Files.createDirectories(tmp.resolve("run")),
                Map.of(
                        "UGC_KAFKA_BOOTSTRAP", shared.bootstrapServers(),
                        "UGC_STORE", "clickhouse",
                        "UGC_CLICKHOUSE_URL", clickhouse.httpUrl(),
                        "UGC_CLICKHOUSE_DATABASE", "monitoring",
                        "UGC_ETL_GROUP", "ugc-etl-monitoring",
                        // retries at most a second apart: failures keep coming while the store is away
                        "UGC_ETL_RETRY_MAX", "1s")));
        api = new ApiClient(pipeline.httpPort());
        webhook = startWebhook();
        alertmanager = MonitoringProcess.alertmanager(
                tmp, alertmanagerConfig(webhook.getAddress().getPort()));
        prometheus = MonitoringProcess.prometheus(
                tmp,
                prometheusConfig(alertmanager.port(), pipeline.httpPort()),
                Map.of(
                        "ugc-rules.yml",
                        MonitoringFiles.fastRules(MonitoringFiles.TEST_RANGE, MonitoringFiles.TEST_HOLD)));
        load = Executors.newSingleThreadScheduledExecutor();
        load.scheduleWithFixedDelay(this::sendSomeTraffic, 0, 200, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    void stop() {
        if (load != null) {
            load.shutdownNow();
        }
        for (AutoCloseable c : new AutoCloseable[] {prometheus, alertmanager, pipeline, clickhouse}) {
            closeQuietly(c);
        }
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    @Test
    @Order(1)
    void everyMetricTheRulesAndPanelsReadIsExported() throws Exception {
        await().atMost(WAIT)
                .until(() -> exported()
                        .containsAll(Set.of(
                                "ugc_etl_consumer_lag",
                                "ugc_etl_event_freshness_seconds_bucket",
                                "jvm_gc_pause_seconds_sum")));
        Set<String> exported = exported();
        Set<String> recorded = MonitoringFiles.recordedNames();
        Set<String> missing = new TreeSet<>();
        for (String name : usedNames()) {
            boolean ok = name.contains(":") ? recorded.contains(name) : name.equals("up") || exported.contains(name);
            if (!ok) {
                missing.add(name);
            }
        }
        assertEquals(Set.of(), missing, "metrics read by deploy/monitoring but not exported or recorded");
    }

    @Test
    @Order(2)
    void everyPanelQueryReturnsSeries() {
        List<String> empty = new ArrayList<>();
        for (MonitoringFiles.Panel panel : MonitoringFiles.panels("10s")) {
            for (String query : panel.queries()) {
                try {
                    await().atMost(WAIT).until(() -> !series(query).isEmpty());
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    empty.add(panel.title() + ": " + query);
                }
            }
        }
        assertEquals(List.of(), empty, "panel queries without data");
    }

    @Test
    @Order(3)
    void stoppingTheStoreFiresTheStoreAlertThroughAlertmanagerAndRestartingResolvesIt() {
        await().atMost(WAIT)
                .until(() -> !series("ugc:etl_rows_inserted:rate5m > 0").isEmpty());
        assertEquals(Set.of(), alertStates(STORE_ALERT), "no store alert while ClickHouse is up");

        clickhouse.stop();
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> alertStates(STORE_ALERT).contains("pending"));
        await().atMost(WAIT).until(() -> alertStates(STORE_ALERT).contains("firing"));
        await().atMost(WAIT).until(() -> notified(STORE_ALERT, "firing"));

        clickhouse.restart();
        await().atMost(WAIT).until(() -> notified(STORE_ALERT, "resolved"));
        assertEquals(Set.of(), alertStates(STORE_ALERT));
        assertEquals(List.of(), loadErrors, "the API kept accepting events while the store was away");
    }

    private void sendSomeTraffic() {
        try {
            JsonArray events = new JsonArray();
            for (int i = 0; i < 5; i++) {
                events.add(new JsonObject()
                        .put("event_id", UUID.randomUUID().toString())
                        .put("action", "FILM_PROGRESS")
                        .put("film_id", FILM)
                        .put("event_time", Instant.now().toString()));
            }
            api.postBatch(TestPipelines.token("monitoring-" + UUID.randomUUID()), events);
            // what a load balancer's readiness probe does; the UgcApiNotReady rule counts these answers
            http.send(
                    HttpRequest.newBuilder(URI.create(api.base() + "/health/ready"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (Exception | AssertionError e) {
            loadErrors.add(e.toString());
        }
    }

    private Set<String> usedNames() {
        Set<String> names = new TreeSet<>();
        MonitoringFiles.ruleExpressions().forEach(e -> names.addAll(MonitoringFiles.metricNames(e)));
        MonitoringFiles.panels("1m")
                .forEach(p -> p.queries().forEach(q -> names.addAll(MonitoringFiles.metricNames(q))));
        return names;
    }

    private Set<String> exported() throws IOException, InterruptedException {
        return api.metrics()
                .lines()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]", 2)[0])
                .collect(Collectors.toSet());
    }

    private JsonArray series(String promql) {
        JsonObject answer = new JsonObject(prometheus.query(promql));
        assertEquals("success", answer.getString("status"), promql);
        return answer.getJsonObject("data").getJsonArray("result");
    }

    /** States (pending, firing) of the alert in Prometheus right now. */
    private Set<String> alertStates(String alert) {
        JsonArray alerts = new JsonObject(prometheus.get("/api/v1/alerts"))
                .getJsonObject("data")
                .getJsonArray("alerts");
        return alerts.stream()
                .map(JsonObject.class::cast)
                .filter(a -> alert.equals(a.getJsonObject("labels").getString("alertname")))
                .map(a -> a.getString("state"))
                .collect(Collectors.toSet());
    }

    private boolean notified(String alert, String status) {
        return notifications.stream()
                .flatMap(n -> n.getJsonArray("alerts").stream().map(JsonObject.class::cast))
                .anyMatch(a -> alert.equals(a.getJsonObject("labels").getString("alertname"))
                        && status.equals(a.getString("status"))
                        && JOB.equals(a.getJsonObject("labels").getString("job")));
    }

    private HttpServer startWebhook() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/alerts", ex -> {
            notifications.add(new JsonObject(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        return server;
    }

    private static String alertmanagerConfig(int webhookPort) {
        return """
                route:
                  receiver: test
                  group_by: [alertname, job]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: test
                    webhook_configs:
                      - url: http://127.0.0.1:%d/alerts
                        send_resolved: true
                """.formatted(webhookPort);
    }

    private static String prometheusConfig(int alertmanagerPort, int servicePort) {
        return """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files: [ugc-rules.yml]
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['127.0.0.1:%d']
                scrape_configs:
                  - job_name: %s
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(alertmanagerPort, JOB, servicePort);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("closing " + c + " failed: " + e);
        }
    }
}
