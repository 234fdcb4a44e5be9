package cinema.ugc.app;

import cinema.ugc.app.demo.DemoSettings;
import cinema.ugc.etl.EtlSettings;
import cinema.ugc.ingest.IngestSettings;
import cinema.ugc.ingest.RateLimitSettings;
import cinema.ugc.kafka.KafkaSettings;
import cinema.ugc.model.config.Env;
import cinema.ugc.model.config.Setting;
import cinema.ugc.store.StoreSettings;
import cinema.ugc.web.CorsSettings;
import cinema.ugc.web.JwtSettings;
import cinema.ugc.web.WebSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a process of the service needs, read once from the environment: each component's own settings plus the
 * data directory. {@link #jwt} is null in a process without the API role (an ETL has no tokens to check, and must not
 * generate a secret); such a process serves its health on UGC_ETL_HTTP_PORT, which {@link #web} then carries.
 */
public record RunSettings(
        Path dataDir,
        KafkaSettings kafka,
        StoreSettings store,
        EtlSettings etl,
        WebSettings web,
        JwtSettings jwt,
        IngestSettings ingest,
        Duration drainTimeout,
        CorsSettings cors,
        RateLimitSettings rateLimit,
        DemoSettings demo,
        cinema.ugc.kafka.erasure.PrivacySettings privacy) {

    public static final Setting<Path> DATA_DIR = new Setting<>(
            "UGC_DATA_DIR",
            "Directory of everything ./ugc run keeps: data/kafka (embedded broker), data/ugc.duckdb, data/.lock, and "
                    + "data/jwt-secret (generated when no UGC_JWT_SECRET or UGC_JWT_PUBLIC_KEY is set).",
            "data",
            Path::of);
    public static final Setting<Duration> DRAIN_TIMEOUT = Setting.duration(
            "UGC_RUN_DRAIN_TIMEOUT",
            "10s",
            "On shutdown, how long ./ugc run waits for the ETL to store what Kafka already holds before it flushes "
                    + "and stops (anything left is stored on the next start).");

    public static final List<Setting<?>> SETTINGS = List.of(DATA_DIR, DRAIN_TIMEOUT);

    /** The settings of {@code ./ugc run}. */
    public static RunSettings from(Env env) {
        return from(env, Roles.run(KafkaSettings.from(env)));
    }

    /** The settings of a process with these roles. */
    public static RunSettings from(Env env, Roles roles) {
        EtlSettings etl = EtlSettings.from(env);
        JwtSettings jwt = roles.has(Role.API) ? JwtSettings.from(env) : null;
        WebSettings web = jwt != null ? WebSettings.from(env, jwt) : etlWeb(WebSettings.from(env), etl);
        return new RunSettings(
                env.get(DATA_DIR),
                KafkaSettings.from(env),
                StoreSettings.from(env),
                etl,
                web,
                jwt,
                IngestSettings.from(env),
                env.get(DRAIN_TIMEOUT),
                CorsSettings.from(env),
                RateLimitSettings.from(env),
                DemoSettings.from(env),
                cinema.ugc.kafka.erasure.PrivacySettings.from(env));
    }

    /** An ETL-only process: /metrics, /health and /status on UGC_ETL_HTTP_PORT, one event loop for the scrapes. */
    private static WebSettings etlWeb(WebSettings web, EtlSettings etl) {
        return new WebSettings(web.host(), etl.httpPort(), 1, web.maxBodyBytes(), web.maxDecodedBodyBytes());
    }
}
