package cinema.ugc.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.config.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunBannerTest {

    @Test
    void withTheGeneratedSecretTheBannerCarriesATokenInTheDashboardFragmentAndACurl(@TempDir Path dataDir) {
        RunSettings settings = RunSettings.from(Env.of(Map.of("UGC_DATA_DIR", dataDir.toString())));
        String banner =
                RunBanner.text(settings, 8080, "embedded at 127.0.0.1:9092", "DuckDB v1.4.4", Duration.ofMillis(8_400));
        assertTrue(banner.contains("ready in 8.4 s"), banner);
        assertTrue(banner.contains("http://127.0.0.1:8080/#token=ey"), banner);
        assertTrue(banner.contains("curl -i -X POST http://127.0.0.1:8080/api/v1/events"), banner);
        assertTrue(
                banner.contains("signed with this installation's secret (" + dataDir.resolve("jwt-secret") + ")"),
                banner);
        assertFalse(banner.contains("PUBLISHED"), banner);
    }

    @Test
    void withARealSecretNoTokenIsPrinted() {
        RunSettings settings = RunSettings.from(Env.of(Map.of(
                "UGC_JWT_SECRET",
                "a-real-secret-of-at-least-32-bytes-long",
                "UGC_HTTP_HOST",
                "10.0.0.5",
                "UGC_HTTP_PORT",
                "9000")));
        String banner = RunBanner.text(settings, 9000, "at kafka:9092", "ClickHouse 24.3", Duration.ofSeconds(3));
        assertFalse(banner.contains("token="), banner);
        assertFalse(banner.contains("eyJ"), banner);
        assertTrue(banner.contains("http://10.0.0.5:9000/"), banner);
        assertTrue(banner.contains("./ugc token --user <id> --role analyst"), banner);
    }

    @Test
    void theDemoPlayersAddressIsPrintedWhenItRuns() {
        RunSettings settings = RunSettings.from(Env.of(Map.of()));
        String banner = RunBanner.text(settings, 8080, "embedded", "DuckDB", Duration.ofSeconds(5), 8090);
        assertTrue(banner.contains("Demo player: http://127.0.0.1:8090/"), banner);
        assertFalse(RunBanner.text(settings, 8080, "embedded", "DuckDB", Duration.ofSeconds(5))
                .contains("Demo"));
    }
}
