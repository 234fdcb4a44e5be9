package cinema.ugc.app.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.testkit.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules in deploy/monitoring are valid for Prometheus and behave as their unit tests say (Debian's promtool,
 * which ships with the prometheus package), and every alert has a runbook and tests.
 */
class PrometheusRulesTest {

    @Test
    void promtoolAcceptsTheRules() {
        Promtool.Result result = Promtool.run("check", "rules", MonitoringFiles.RULES.toString());
        assertTrue(result.ok(), result.output());
    }

    @Test
    void everyAlertFiresOnItsSeriesAndStaysQuietOnTheOthers() {
        Promtool.Result result = Promtool.run("test", "rules", MonitoringFiles.RULE_TESTS.toString());
        assertTrue(result.ok(), result.output());
    }

    @Test
    void theShortenedCopyTheIntegrationTestLoadsIsValidToo(@TempDir Path tmp) throws IOException {
        Path copy = Files.writeString(
                tmp.resolve("rules.yml"),
                MonitoringFiles.fastRules(MonitoringFiles.TEST_RANGE, MonitoringFiles.TEST_HOLD));
        Promtool.Result result = Promtool.run("check", "rules", copy.toString());
        assertTrue(result.ok(), result.output());
        assertTrue(!Files.readString(copy).matches("(?s).*(\\[\\d+m]|for: \\d+m).*"), "every window shortened");
    }

    @Test
    void everyAlertHasUnitTestsAndARunbookSection() throws IOException {
        String tests = Files.readString(MonitoringFiles.RULE_TESTS);
        String runbook = Files.readString(MonitoringFiles.DIR.resolve("../../docs/operations.md"));
        for (String alert : MonitoringFiles.alertNames()) {
            assertTrue(tests.contains("alertname: " + alert), alert + " has no promtool test");
            assertTrue(runbook.contains("### " + alert), alert + " has no section in docs/operations.md");
            assertTrue(
                    Files.readString(MonitoringFiles.RULES)
                            .contains("runbook_url: docs/operations.md#" + alert.toLowerCase(java.util.Locale.ROOT)),
                    alert);
        }
    }

    @Test
    void metricNamesAreReadFromExpressionsWithoutFunctionsLabelsOrKeywords() {
        assertEquals(
                Set.of("http_server_requests_seconds_bucket", "ugc:etl_consumer_lag:sum", "up"),
                MonitoringFiles.metricNames("histogram_quantile(0.99, sum by (job, le) (rate("
                        + "http_server_requests_seconds_bucket{route=~\"/api/v1/events(/batch)?\", le!=\"x\"}[5m])))"
                        + " > 0.1 and on (job) ugc:etl_consumer_lag:sum > 5e4 unless up{job=\"a\"} == 0"));
    }
}
