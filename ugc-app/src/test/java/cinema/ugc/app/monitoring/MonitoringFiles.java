package cinema.ugc.app.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monitoring files of deploy/monitoring as the tests see them: the rule expressions, the dashboard's panel
 * queries, the metric names both use, and a copy of the rules with short windows for a test that cannot wait minutes.
 */
public final class MonitoringFiles {
    public static final Path DIR = Path.of(System.getProperty("basedir", "."))
            .resolve("../deploy/monitoring")
            .normalize();
    public static final Path RULES = DIR.resolve("ugc-rules.yml");
    public static final Path RULE_TESTS = DIR.resolve("tests/ugc-rules-test.yml");
    public static final Path DASHBOARD = DIR.resolve("grafana/dashboards/ugc.json");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern IGNORED =
            Pattern.compile("\\{[^}]*}|\\[[^]]*]|\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern NAME = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*\\b(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "inf",
            "nan");

    /** A dashboard panel and the queries of its targets. */
    public record Panel(String title, List<String> queries) {}

    private MonitoringFiles() {}

    /** Every {@code expr} of the rule file, recording and alerting rules alike. */
    public static List<String> ruleExpressions() {
        List<String> exprs = new ArrayList<>();
        for (JsonNode rule : rules()) {
            exprs.add(rule.get("expr").asText());
        }
        return exprs;
    }

    /** Names the rule file records ({@code record:}). */
    public static Set<String> recordedNames() {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode rule : rules()) {
            if (rule.has("record")) {
                names.add(rule.get("record").asText());
            }
        }
        return names;
    }

    /** Names of the alerts ({@code alert:}). */
    public static Set<String> alertNames() {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode rule : rules()) {
            if (rule.has("alert")) {
                names.add(rule.get("alert").asText());
            }
        }
        return names;
    }

    private static List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        read(new YAMLMapper(), RULES).get("groups").forEach(g -> g.get("rules").forEach(rules::add));
        return rules;
    }

    /**
     * Every panel of the dashboard with its queries, Grafana's {@code $__rate_interval} replaced by {@code interval}
     * (what Grafana would put there depends on the scrape interval it was told).
     */
    public static List<Panel> panels(String interval) {
        List<Panel> panels = new ArrayList<>();
        for (JsonNode panel : read(new ObjectMapper(), DASHBOARD).get("panels")) {
            if (!panel.has("targets")) {
                continue; // a row
            }
            List<String> queries = new ArrayList<>();
            panel.get("targets")
                    .forEach(t -> queries.add(t.get("expr").asText().replace("$__rate_interval", interval)));
            panels.add(new Panel(panel.get("title").asText(), queries));
        }
        return panels;
    }

    /**
     * The metric names a PromQL expression reads: identifiers outside strings, label matchers, ranges and
     * {@code by (...)} lists that are neither functions nor keywords. Recorded names (with a colon) included.
     */
    public static Set<String> metricNames(String expr) {
        String bare = IGNORED.matcher(STRING.matcher(expr).replaceAll("\"\"")).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = NAME.matcher(bare);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group().toLowerCase(java.util.Locale.ROOT))) {
                names.add(m.group());
            }
        }
        return names;
    }

    /**
     * The range MonitoringIT's Prometheus (scraping and evaluating every second) evaluates every window with: a few
     * samples per range, so an alert that waits for "nothing written" waits seconds, not minutes.
     */
    public static final String TEST_RANGE = "5s";

    /**
     * The {@code for:} of every alert there: longer than one evaluation, so the alert is seen pending before it fires.
     * The full durations are checked by promtool (deploy/monitoring/tests, PrometheusRulesTest).
     */
    public static final String TEST_HOLD = "2s";

    /**
     * The rule file with every range and {@code for:} shortened, so alerts move from pending to firing to resolved
     * within seconds: ranges of minutes become {@code range}, {@code for:} becomes {@code hold}.
     */
    public static String fastRules(String range, String hold) {
        try {
            return Files.readString(RULES)
                    .replaceAll("\\[\\d+m]", "[" + range + "]")
                    .replaceAll("for: \\d+m", "for: " + hold);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
