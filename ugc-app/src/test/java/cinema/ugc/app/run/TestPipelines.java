package cinema.ugc.app.run;

import cinema.ugc.app.Roles;
import cinema.ugc.app.RunSettings;
import cinema.ugc.app.Service;
import cinema.ugc.model.config.Env;
import cinema.ugc.web.TokenIssuer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Settings of a run assembly for tests: loopback, free ports, a test secret, short batches, its own data dir. */
final class TestPipelines {
    static final String SECRET = "run-assembly-test-secret-at-least-32-bytes";
    static final TokenIssuer TOKENS = new TokenIssuer(SECRET, "roles", Clock.systemUTC());

    private TestPipelines() {}

    static RunSettings settings(Path dataDir, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "UGC_DATA_DIR", dataDir.toString(),
                "UGC_HTTP_HOST", "127.0.0.1",
                "UGC_HTTP_PORT", "0",
                "UGC_KAFKA_PORT", "0",
                "UGC_KAFKA_PARTITIONS", "2",
                "UGC_JWT_SECRET", SECRET,
                "UGC_ETL_BATCH_AGE", "200ms",
                "UGC_DEMO_PORT", "off"));
        env.putAll(extra);
        return RunSettings.from(Env.of(env));
    }

    /** The environment of a {@code ./ugc run} child process on loopback with the test secret, plus {@code extra}. */
    static Map<String, String> childEnv(Path dataDir, int httpPort, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "UGC_DATA_DIR",
                dataDir.toString(),
                "UGC_HTTP_HOST",
                "127.0.0.1",
                "UGC_HTTP_PORT",
                Integer.toString(httpPort),
                "UGC_JWT_SECRET",
                SECRET));
        env.putAll(extra);
        return Map.copyOf(env);
    }

    /** The service as {@code ./ugc run} assembles it: every role (the broker unless a bootstrap is set). */
    static Service start(RunSettings settings) {
        return Service.start(settings, Roles.run(settings.kafka()));
    }

    static String token(String user, String... roles) {
        return TOKENS.issue(user, Duration.ofMinutes(30), List.of(roles));
    }
}
