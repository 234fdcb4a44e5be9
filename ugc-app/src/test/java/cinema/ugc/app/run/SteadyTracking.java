package cinema.ugc.app.run;

import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Steady tracking in the background of {@link WebPlayerBrowserIT}: a page on an origin of its own, in a headless
 * Chromium of its own, tracks an event every 500 ms for a given time while the other tests drive the main browser.
 * Its SDK reaches the API through a {@link FlakyProxy} that fails nothing, so the preflights it counts are this page's
 * alone. The time is wall-clock time (Chromium keeps its preflight cache by the clock); running it beside the other
 * tests instead of after them is what keeps the class short.
 */
final class SteadyTracking implements AutoCloseable {
    private final FlakyProxy proxy;
    private final ChromeDriver browser;
    private final String user;
    private final Instant end;

    private SteadyTracking(FlakyProxy proxy, ChromeDriver browser, String user, Duration length) {
        this.proxy = proxy;
        this.browser = browser;
        this.user = user;
        this.end = Instant.now().plus(length);
    }

    /** Opens the page of {@code pages} for a new user and starts tracking; {@code length} counts from now. */
    static SteadyTracking start(Vertx vertx, int apiPort, TestPages pages, Path profile, Duration length)
            throws Exception {
        FlakyProxy proxy = FlakyProxy.start(vertx, apiPort, 0);
        ChromeDriver browser = WebPlayerBrowserIT.chromium(Files.createDirectories(profile));
        String user = "web-steady-" + UUID.randomUUID().toString().substring(0, 8);
        SteadyTracking steady = new SteadyTracking(proxy, browser, user, length);
        try {
            browser.get(pages.page(proxy.base(), user, ""));
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> "true"
                            .equals(browser.findElement(By.tagName("body")).getAttribute("data-ready")));
            steady.js("window.steady = []; window.timer = setInterval(function () {"
                    + " window.steady.push(window.sdk.track('VIEW', {film_id: 'tt-steady'})); }, 500)");
            return steady;
        } catch (RuntimeException e) {
            steady.close();
            throw e;
        }
    }

    String user() {
        return user;
    }

    /** Waits until the time given at the start has passed, then stops tracking. */
    void awaitEnd(Duration atMost) {
        await().atMost(atMost).until(() -> Instant.now().isAfter(end));
        js("clearInterval(window.timer)");
    }

    Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    Object flush() {
        return ((JavascriptExecutor) browser)
                .executeAsyncScript("var done = arguments[arguments.length - 1]; window.sdk.flush().then(done);");
    }

    /** Preflights of the batch endpoint the API answered for this page. */
    int preflights() {
        return proxy.preflights.get();
    }

    @Override
    public void close() {
        browser.quit();
        proxy.close();
    }
}
