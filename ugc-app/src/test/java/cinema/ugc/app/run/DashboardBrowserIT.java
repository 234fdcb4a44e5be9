package cinema.ugc.app.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.app.Service;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromedriver; Selenium is given both paths, so
 * Selenium Manager never downloads anything): events posted through the API show up on the page by themselves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPipelineExtension.class)
class DashboardBrowserIT {
    /** Generous: the shared 2-core build box runs several builds at once. */
    private static final Duration WAIT = Duration.ofSeconds(120);

    private Service pipeline;
    private ApiClient api;
    private WebDriver browser;

    @BeforeAll
    void start(Service shared, @TempDir Path profile) {
        pipeline = shared;
        api = new ApiClient(shared.httpPort());
        browser = HeadlessChromium.start(HeadlessChromium.options(profile, "1400,1000"));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void postedEventsAppearOnThePage() throws Exception {
        try {
            checkPostedEventsAppear();
        } finally {
            screenshot("dashboard.png");
        }
    }

    private void checkPostedEventsAppear() throws Exception {
        browser.get("about:blank");
        browser.get(api.base() + "/#token=" + TestPipelines.token("dash-analyst", "analyst"));
        await().atMost(WAIT)
                .until(() -> browser.findElement(By.id("board")).isDisplayed()
                        && browser.findElement(By.id("rows-stored")).getText().matches("[\\d,]+"));
        assertFalse(browser.getCurrentUrl().contains("token"), "the token leaves the address bar at once");

        String film = "dash-" + UUID.randomUUID().toString().substring(0, 8);
        api.postBatch(TestPipelines.token("dash-viewer"), views(film, 40));
        await().atMost(WAIT)
                .until(() -> browser.findElement(By.id("top-films")).getText().contains(film + " 40"));
        await().atMost(WAIT)
                .until(() -> browser.findElement(By.id("by-action")).getText().contains("VIEW"));
        await().atMost(WAIT)
                .until(() ->
                        !browser.findElements(By.cssSelector("#timeline rect")).isEmpty());

        browser.findElement(By.id("film-input")).sendKeys(film);
        browser.findElement(By.cssSelector("#film-form button")).click();
        await().atMost(WAIT)
                .until(() -> browser.findElement(By.id("film-result")).getText().contains("Views\n40"));
    }

    @Test
    void aTokenWithoutTheAnalystRoleIsSentBackToTheLoginForm() {
        browser.get("about:blank");
        browser.get(api.base() + "/#token=" + TestPipelines.token("not-an-analyst"));
        await().atMost(WAIT)
                .until(() -> browser.findElement(By.id("login")).isDisplayed()
                        && browser.findElement(By.id("error")).getText().contains("refused"));
        assertTrue(browser.findElement(By.id("token-input")).isDisplayed());
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Files.createDirectories(Path.of("target")).resolve(name);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static JsonArray views(String film, int count) {
        JsonArray events = new JsonArray();
        for (int i = 0; i < count; i++) {
            events.add(new JsonObject()
                    .put("action", "VIEW")
                    .put("film_id", film)
                    .put("event_time", Instant.now().minusMillis(i).toString()));
        }
        return events;
    }
}
