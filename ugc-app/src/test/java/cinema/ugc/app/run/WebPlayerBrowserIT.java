package cinema.ugc.app.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.app.Service;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The SDK in a real headless Chromium (Debian's, through its chromedriver; nothing is downloaded), on pages served from
 * origins other than the API's: what a page tracks is stored exactly once — through CORS, retries, an expired token,
 * offline and a reload, and the page closing — while a page on an origin that is not allowed delivers nothing.
 * A run assembly of its own: its allowed origins must name the test pages' ports, known only once they listen. The
 * minute of steady tracking (test 7) runs from the start in a browser of its own ({@link SteadyTracking}), beside the
 * other tests rather than after them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPlayerBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** How long the page of test 7 tracks steadily. */
    private static final Duration STEADY = Duration.ofSeconds(61);

    private Vertx vertx;
    private TestPages allowed;
    private TestPages fresh;
    private TestPages stranger;
    private Service pipeline;
    private ApiClient api;
    private ChromeDriver browser;
    private SteadyTracking steady;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        vertx = Vertx.vertx();
        allowed = TestPages.start(vertx);
        fresh = TestPages.start(vertx);
        stranger = TestPages.start(vertx);
        pipeline = TestPipelines.start(TestPipelines.settings(
                dir.resolve("data"),
                Map.of(
                        "UGC_CORS_ALLOWED_ORIGINS", allowed.origin() + "," + fresh.origin(),
                        "UGC_DEMO_PORT", "0",
                        "UGC_JWT_CLOCK_SKEW", "1s")));
        api = new ApiClient(pipeline.httpPort());
        steady = SteadyTracking.start(vertx, pipeline.httpPort(), fresh, dir.resolve("steady-profile"), STEADY);
        Files.createDirectories(dir.resolve("profile"));
        browser = chromium(dir.resolve("profile"));
    }

    /**
     * Back-forward cache off: a page frozen in it moments after writing localStorage published the writes too late
     * for the next page of its origin (seen with Chromium 156 when the test navigates milliseconds after track).
     */
    static ChromeDriver chromium(Path profile) {
        ChromeOptions options = HeadlessChromium.options(
                profile,
                "1200,900",
                "--autoplay-policy=no-user-gesture-required",
                "--disable-features=BackForwardCache");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriver driver = HeadlessChromium.start(options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return driver;
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        for (AutoCloseable c : new AutoCloseable[] {steady, pipeline, allowed, fresh, stranger}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // shutting down anyway
            }
        }
        vertx.close().await();
    }

    // ---- 1. tracked on another origin, stored exactly once (the SDK imported as an ES module)

    @Test
    void eventsTrackedOnAPageOfAnotherOriginAreStoredExactlyOnce() throws Exception {
        String user = user();
        open(allowed.page(api.base(), user, "module=1"));
        List<String> ids = track(5, "CLICK");
        assertEquals(Boolean.TRUE, flush());
        awaitStoredExactly(user, ids);
    }

    // ---- 2. an origin that is not allowed delivers nothing, and the browser says why

    @Test
    void aPageOnAnOriginThatIsNotAllowedDeliversNothing() throws Exception {
        String user = user();
        double refusedBefore = metric("ugc_http_cors_refused_total");
        open(stranger.page(api.base(), user, ""));
        browser.manage().logs().get(LogType.BROWSER);
        track(3, "VIEW");
        assertEquals(Boolean.FALSE, flush(), "the attempt fails");
        List<String> console = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .toList();
        assertTrue(console.stream().anyMatch(m -> m.contains("blocked by CORS policy")), console.toString());
        assertTrue(metric("ugc_http_cors_refused_total") > refusedBefore, "the API refused it");
        browser.get("about:blank");

        // a marker sent afterwards for the same user (same partition) is stored alone
        JsonArray marker = api.postBatch(
                TestPipelines.token(user),
                new JsonArray()
                        .add(new JsonObject()
                                .put("action", "CLICK")
                                .put("event_time", Instant.now().toString())));
        awaitStoredExactly(user, List.of(marker.getString(0)));
    }

    // ---- 4. the page goes away right after track: the beacon delivers

    @Test
    void eventsTrackedRightBeforeThePageGoesAwayArriveThroughTheBeacon() throws Exception {
        double beaconsBefore = metric(
                "http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/events/beacon\",status=\"202\"}");
        String navigated = user();
        open(allowed.page(api.base(), navigated, "interval=600000"));
        awaitToken();
        List<String> ids = track(3, "VIEW");
        browser.get("about:blank");
        awaitStoredExactly(navigated, ids);

        String closed = user();
        String main = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        open(allowed.page(api.base(), closed, "interval=600000"));
        awaitToken();
        List<String> closedIds = track(4, "CLICK");
        browser.close();
        browser.switchTo().window(main);
        awaitStoredExactly(closed, closedIds);
        assertTrue(
                metric("http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/events/beacon\","
                                + "status=\"202\"}")
                        >= beaconsBefore + 2,
                "both arrived as beacons");
    }

    // ---- 5. the API answers 503 for a while (after writing!): retries carry the same ids; stored once

    @Test
    void whileTheApiAnswers503TheSdkRetriesWithTheSameIdsAndEachEventIsStoredOnce() throws Exception {
        try (FlakyProxy proxy = FlakyProxy.start(vertx, pipeline.httpPort(), 3)) {
            String user = user();
            open(allowed.page(proxy.base(), user, ""));
            List<String> ids = track(6, "VIEW");
            await().atMost(WAIT).until(() -> Boolean.TRUE.equals(flush()));
            assertTrue(proxy.batches.size() >= 4, "three 503s, then a 202: " + proxy.batches.size());
            for (List<String> batch : proxy.batches) {
                assertEquals(ids, batch, "every attempt carried the same events");
            }
            awaitStoredExactly(user, ids);
            assertTrue(reports().contains("503"), reports());
        }
    }

    // ---- 6. the token expires mid-session: getToken is asked again and delivery goes on

    @Test
    void aTokenThatExpiresMidSessionIsRenewedThroughGetToken() throws Exception {
        String user = user();
        open(allowed.page(api.base(), user, "ttl=2"));
        List<String> ids = new ArrayList<>(track(2, "VIEW"));
        assertEquals(Boolean.TRUE, flush());
        assertEquals(1L, js("return window.tokenCalls"));
        Instant expired = Instant.now().plusSeconds(2 + 1 + 1);
        await().atMost(WAIT).until(() -> Instant.now().isAfter(expired));
        ids.addAll(track(2, "CLICK"));
        assertEquals(Boolean.TRUE, flush());
        assertEquals(2L, js("return window.tokenCalls"));
        assertTrue(reports().contains("401"), reports());
        awaitStoredExactly(user, ids);
    }

    // ---- 3. offline: queued, reloaded while offline, back online: each stored once

    @Test
    void eventsTrackedOfflineSurviveAReloadAndAreStoredOnceWhenBackOnline() throws Exception {
        String user = user();
        String page = allowed.page(api.base(), user, "");
        open(page);
        try {
            offline(true);
            List<String> ids = track(4, "SEARCH");
            assertEquals(Boolean.FALSE, flush());
            assertEquals(4L, js("return window.sdk.stats().queued"));
            browser.get("about:blank");
            open(page);
            assertEquals(
                    4L,
                    js("return window.sdk.stats().queued"),
                    () -> "the queue came back from localStorage: "
                            + js(
                                    "return navigator.onLine + ' ' + JSON.stringify(window.sdk.stats()) + ' ' + reports.length + ' '"
                                            + " + (localStorage.getItem('ugc.test." + user + "') || '').length"));
            assertEquals(0L, js("return window.reports.length"), "nothing was sent while offline");
            offline(false);
            awaitStoredExactly(user, ids);
        } finally {
            offline(false);
        }
    }

    // ---- 7. a minute of steady tracking costs at most one preflight (the minute began in start(), in a browser of its
    // own: this test runs last and collects it)

    @Test
    @Order(Integer.MAX_VALUE)
    void aMinuteOfSteadyTrackingSendsAtMostOnePreflight() throws Exception {
        steady.awaitEnd(Duration.ofSeconds(120));
        assertEquals(Boolean.TRUE, steady.flush());
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) steady.js("return window.steady");
        long batches = ((Number)
                        steady.js("return window.reports.filter(function (r) { return r.status === 202; }).length"))
                .longValue();
        assertTrue(batches >= 20, "about one batch every 2 s: " + batches);
        assertEquals(1, steady.preflights(), "preflights for " + batches + " batches");
        awaitStoredExactly(steady.user(), ids);
    }

    // ---- 8. the demo player: playing the clip yields FILM_PROGRESS with consistent stretches, on the dashboard

    @Test
    void playingTheDemoClipProducesConsistentProgressVisibleOnTheDashboard() throws Exception {
        assertTrue(pipeline.demoPort() > 0);
        browser.get("http://127.0.0.1:" + pipeline.demoPort() + "/");
        await().atMost(WAIT)
                .until(() ->
                        "true".equals(browser.findElement(By.tagName("body")).getAttribute("data-ready")));
        String viewer = browser.findElement(By.id("viewer")).getText();
        js("document.getElementById('player').play()");
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(js("return document.getElementById('player').ended")));
        assertEquals(Boolean.TRUE, flush());
        await().atMost(WAIT)
                .until(() -> browser.findElement(By.id("log")).getText().contains("FILM_FINISHED"));

        List<JsonObject> progress = await().atMost(WAIT)
                .until(
                        () -> stored(viewer, "FILM_PROGRESS"),
                        p -> !p.isEmpty()
                                && p.get(p.size() - 1)
                                                .getJsonObject("properties")
                                                .getDouble("position_s")
                                        >= 11.5);
        double position = 0;
        for (JsonObject e : progress) {
            JsonObject p = e.getJsonObject("properties");
            assertEquals(position, p.getDouble("from_s"), 0.3, "stretches follow each other: " + progress);
            double watched =
                    Duration.between(Instant.parse(e.getString("start_time")), Instant.parse(e.getString("end_time")))
                                    .toMillis()
                            / 1000.0;
            assertEquals(p.getDouble("position_s") - p.getDouble("from_s"), watched, 0.2, e.encode());
            assertEquals(12.0, p.getDouble("duration_s"), 0.2);
            position = p.getDouble("position_s");
        }
        assertTrue(progress.size() >= 3, "a heartbeat every 4 s of a 12 s clip: " + progress.size());
        await().atMost(WAIT).until(() -> stored(viewer, "FILM_FINISHED").size() == 1);

        browser.get(api.base() + "/#token=" + TestPipelines.token("demo-analyst", "analyst"));
        await().atMost(WAIT).until(() -> browser.findElement(By.id("board")).isDisplayed());
        browser.findElement(By.id("film-input")).sendKeys("demo-clip");
        browser.findElement(By.cssSelector("#film-form button")).click();
        await().atMost(WAIT)
                .until(() -> browser.findElement(By.id("film-result")).getText().contains("Completion rate\n100"));
    }

    // ---- helpers

    private static String user() {
        return "web-" + UUID.randomUUID().toString().substring(0, 13);
    }

    private void open(String url) {
        browser.get(url);
        await().atMost(WAIT)
                .until(() ->
                        "true".equals(browser.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    @SuppressWarnings("unchecked")
    private List<String> track(int n, String action) {
        return (List<String>) js("var ids = []; for (var i = 0; i < " + n + "; i++) { ids.push(window.sdk.track('"
                + action + "', {film_id: 'tt-web', description: 'event ' + i})); } return ids;");
    }

    private Object flush() {
        return ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "var done = arguments[arguments.length - 1]; (window.sdk || window.UGC).flush().then(done);");
    }

    /** The SDK asks for a token at init; a beacon can only carry one it already holds. */
    private void awaitToken() {
        await().atMost(WAIT).until(() -> ((Number) js("return window.tokenCalls")).intValue() >= 1);
        ((JavascriptExecutor) browser)
                .executeAsyncScript("var done = arguments[arguments.length - 1];"
                        + " fetch('/token?user=x&ttl=1').then(function () { done(true); });");
    }

    private String reports() {
        return String.valueOf(js("return JSON.stringify(window.reports)"));
    }

    private void offline(boolean offline) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    private void awaitStoredExactly(String user, List<String> ids) throws Exception {
        await().atMost(WAIT).until(() -> stored(user, null).size() >= ids.size());
        List<String> stored =
                stored(user, null).stream().map(e -> e.getString("event_id")).toList();
        assertEquals(new HashSet<>(ids), new HashSet<>(stored), "the tracked events");
        assertEquals(ids.size(), stored.size(), "each once: " + stored);
        assertFalse(ids.isEmpty());
    }

    private List<JsonObject> stored(String user, String action) throws Exception {
        String path = "/api/v1/me/events?limit=500" + (action == null ? "" : "&action=" + action);
        JsonArray events = api.getJson(path, TestPipelines.token(user)).getJsonArray("events");
        List<JsonObject> list = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            list.add(events.getJsonObject(i));
        }
        return list;
    }

    private double metric(String series) throws Exception {
        return api.metrics()
                .lines()
                .filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
