package cinema.ugc.app.run;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and chromedriver, headless, with a fresh profile: the browser tests never download a browser of
 * their own. Each test adds the flags its page needs.
 */
final class HeadlessChromium {
    private HeadlessChromium() {}

    static ChromeOptions options(Path profile, String windowSize, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=" + windowSize));
        arguments.addAll(List.of(extraArguments));
        arguments.add("--user-data-dir=" + profile.toAbsolutePath());
        return new ChromeOptions().setBinary("/usr/bin/chromium").addArguments(arguments);
    }

    static ChromeDriver start(ChromeOptions options) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
