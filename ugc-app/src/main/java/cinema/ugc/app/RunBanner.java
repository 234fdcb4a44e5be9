package cinema.ugc.app;

import cinema.ugc.web.JwtSettings;
import cinema.ugc.web.TokenIssuer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What {@code ./ugc run} prints once it is ready: the dashboard link, a development token and a curl command.
 *
 * <p>A token is printed only while the installation's generated secret is in use (no UGC_JWT_SECRET or public key
 * configured: a local run, listening on loopback). With a configured secret the banner says how to mint one
 * deliberately with {@code ./ugc token}, so a production secret never signs a token that lands in a terminal log.
 * The dashboard link carries the token in the URL fragment, which the browser never sends to the server.
 */
public final class RunBanner {
    static final String DEV_USER = "dev-analyst";
    static final Duration DEV_TOKEN_TTL = Duration.ofHours(12);

    private RunBanner() {}

    public static String text(Service service, Duration startup) {
        String kafka = (service.settings().kafka().embedded() ? "embedded at " : "at ") + service.bootstrapServers();
        return text(
                service.settings(), service.httpPort(), kafka, service.store().describe(), startup, service.demoPort());
    }

    static String text(RunSettings s, int port, String kafka, String store, Duration startup) {
        return text(s, port, kafka, store, startup, -1);
    }

    static String text(RunSettings s, int port, String kafka, String store, Duration startup, int demoPort) {
        String base = "http://" + displayHost(s.web().host()) + ":" + port;
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%nUGC pipeline ready in %.1f s: Kafka %s, store %s, data in %s%n",
                startup.toMillis() / 1000.0,
                kafka,
                store,
                s.dataDir().toAbsolutePath()));
        if (demoPort > 0) {
            out.append("  Demo player: http://")
                    .append(displayHost(s.web().host()))
                    .append(':')
                    .append(demoPort)
                    .append("/  (another origin, sending events with ")
                    .append(base)
                    .append("/sdk/ugc.js)\n");
        }
        if (!s.jwt().generatedSecret()) {
            out.append("  Dashboard:  ")
                    .append(base)
                    .append("/  (paste an analyst token: ./ugc token --user <id> --role analyst)\n");
            out.append("  API:        ").append(base).append("/openapi.yaml\n");
            return out.append("  Stop:       Ctrl-C (stores what Kafka holds, then stops)\n")
                    .toString();
        }
        String token = devToken(s.jwt());
        out.append("  Dashboard:  ")
                .append(base)
                .append("/#token=")
                .append(token)
                .append('\n');
        out.append("  Token:      user ")
                .append(DEV_USER)
                .append(", role analyst, valid ")
                .append(DEV_TOKEN_TTL.toHours())
                .append(" h, signed with this installation's secret (")
                .append(s.jwt().generatedSecretFile())
                .append(")\n\n");
        out.append("  export UGC_TOKEN=").append(token).append('\n');
        out.append("  curl -i -X POST ")
                .append(base)
                .append("/api/v1/events -H \"Authorization: Bearer $UGC_TOKEN\" ")
                .append("-H 'Content-Type: application/json' \\\n")
                .append(
                        "    -d '{\"action\":\"VIEW\",\"film_id\":\"tt0111161\",\"event_time\":\"'$(date -u +%FT%TZ)'\"}'\n");
        out.append("  curl -s ")
                .append(base)
                .append("/api/v1/stats/films/tt0111161 -H \"Authorization: Bearer $UGC_TOKEN\"\n\n");
        return out.append("  Stop:       Ctrl-C (stores what Kafka holds, then stops)\n")
                .toString();
    }

    static String devToken(JwtSettings jwt) {
        return TokenIssuer.from(jwt).issue(DEV_USER, DEV_TOKEN_TTL, List.of("analyst"));
    }

    private static String displayHost(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    }
}
