package cinema.ugc.app.cli;

import cinema.ugc.app.Roles;
import cinema.ugc.app.RunSettings;
import cinema.ugc.model.config.Env;
import cinema.ugc.web.JwtSettings;
import cinema.ugc.web.TokenIssuer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ugc api}: the ingest API alone ({@link cinema.ugc.app.Role#API}, plus the broker when UGC_KAFKA_BOOTSTRAP is
 * empty) until Ctrl-C / SIGTERM, which stops the server, flushes the producer and stops the broker.
 */
@Command(
        name = "api",
        mixinStandardHelpOptions = true,
        description = {
            "Serves the ingest API (POST /api/v1/events, /api/v1/events/batch, /health/*, /metrics, "
                    + "/openapi.yaml). Starts an embedded Kafka broker under <data dir>/kafka unless UGC_KAFKA_BOOTSTRAP is set.",
            "Settings come from UGC_* environment variables; the options below override them."
        })
public final class ApiCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (UGC_HTTP_PORT, default 8080).")
    Integer port;

    @Option(names = "--data-dir", description = "Data directory (UGC_DATA_DIR, default ./data).")
    String dataDir;

    @Option(names = "--kafka-bootstrap", description = "External Kafka (UGC_KAFKA_BOOTSTRAP); empty = embedded broker.")
    String bootstrap;

    @Override
    public Integer call() {
        return ServiceCommand.serve(
                "api",
                Env.system().with(overrides()),
                Roles::api,
                (service, startup) ->
                        banner(service.httpPort(), service.settings().jwt()));
    }

    private static String banner(int port, JwtSettings jwt) {
        String base = "http://localhost:" + port;
        StringBuilder text =
                new StringBuilder("ugc api: listening on " + base + " (OpenAPI: " + base + "/openapi.yaml)\n");
        if (jwt.generatedSecret()) {
            String token = TokenIssuer.from(jwt).issue("demo-user", Duration.ofHours(1), List.of());
            text.append("Tokens are checked against the secret generated in ")
                    .append(jwt.generatedSecretFile())
                    .append(" (set UGC_JWT_SECRET or UGC_JWT_PUBLIC_KEY for real use). Try:\n")
                    .append("  curl -i -H 'Authorization: Bearer ")
                    .append(token)
                    .append("' -H 'Content-Type: application/json' \\\n")
                    .append("       -d '{\"action\":\"CLICK\",\"event_time\":\"'$(date -u +%FT%TZ)'\"}' ")
                    .append(base)
                    .append("/api/v1/events\n");
        }
        return text.append("Ctrl-C stops it.").toString();
    }

    private Map<String, String> overrides() {
        Map<String, String> o = new HashMap<>();
        o.put("UGC_HTTP_PORT", port == null ? null : port.toString());
        o.put(RunSettings.DATA_DIR.key(), dataDir);
        o.put("UGC_KAFKA_BOOTSTRAP", bootstrap);
        return o;
    }
}
