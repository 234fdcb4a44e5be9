package cinema.ugc.web;

import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import cinema.ugc.model.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How bearer tokens are verified: HS256 with a shared secret and/or RS256/ES256 with a PEM public key.
 *
 * <p>When neither a secret nor a public key is configured, the installation's own secret is used: generated at random
 * on first use and kept in {@code <UGC_DATA_DIR>/jwt-secret} ({@link LocalSecret}), so {@code ./ugc run} and
 * {@code ./ugc token} work out of the box and no published value can sign a token. {@link #generatedSecretFile()}
 * names that file then (null when configured), and the HTTP server listens on loopback only unless UGC_HTTP_HOST is
 * set ({@link WebSettings#from(Env, JwtSettings)}).
 *
 * @param hmacSecret          HS256 secret, or null when only public-key tokens are accepted
 * @param publicKeyPem        PEM-encoded RSA or EC public key (SubjectPublicKeyInfo), or null
 * @param clockSkew           leeway applied to {@code exp}, {@code nbf} and {@code iat}
 * @param roleClaim           claim holding the user's roles (a string or an array of strings)
 * @param generatedSecretFile where the generated secret is kept, or null when a secret or key is configured
 */
public record JwtSettings(
        String hmacSecret, String publicKeyPem, Duration clockSkew, String roleClaim, Path generatedSecretFile) {
    public static final Setting<String> SECRET = Setting.string(
            "UGC_JWT_SECRET",
            null,
            "HS256 secret shared with the Auth service (at least 32 bytes). Unset together with UGC_JWT_PUBLIC_KEY: a "
                    + "random secret is generated on first start and kept in <UGC_DATA_DIR>/jwt-secret (owner-only), "
                    + "and the HTTP server listens on loopback only unless UGC_HTTP_HOST is set.");
    public static final Setting<String> PUBLIC_KEY = Setting.string(
            "UGC_JWT_PUBLIC_KEY",
            null,
            "PEM public key (RSA → RS256, EC P-256 → ES256) for tokens signed by the Auth service: the PEM text itself "
                    + "or the path of a file holding it.");
    public static final Setting<Duration> CLOCK_SKEW =
            Setting.duration("UGC_JWT_CLOCK_SKEW", "30s", "Leeway for the exp, nbf and iat claims.");
    public static final Setting<String> ROLE_CLAIM =
            Setting.string("UGC_JWT_ROLE_CLAIM", "roles", "Token claim holding the user's roles (string or array).");

    public static final List<Setting<?>> SETTINGS = List.of(SECRET, PUBLIC_KEY, CLOCK_SKEW, ROLE_CLAIM);
    static final int MIN_SECRET_BYTES = 32;

    public JwtSettings {
        if (hmacSecret == null && publicKeyPem == null) {
            throw new ConfigException("set UGC_JWT_SECRET or UGC_JWT_PUBLIC_KEY");
        }
        if (hmacSecret != null && hmacSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new ConfigException(
                    "invalid UGC_JWT_SECRET: must be at least " + MIN_SECRET_BYTES + " bytes for HS256");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigException("invalid UGC_JWT_CLOCK_SKEW='" + clockSkew + "': must be between 0 and 10m");
        }
    }

    /** Reads the settings; with neither secret nor key, loads (or generates) the data directory's own secret. */
    public static JwtSettings from(Env env) {
        String secret = env.get(SECRET);
        String publicKey = readPem(env.get(PUBLIC_KEY));
        if (secret != null || publicKey != null) {
            return new JwtSettings(secret, publicKey, env.get(CLOCK_SKEW), env.get(ROLE_CLAIM), null);
        }
        Path file = localSecretFile(env);
        return new JwtSettings(LocalSecret.loadOrCreate(file), null, env.get(CLOCK_SKEW), env.get(ROLE_CLAIM), file);
    }

    /** {@code <UGC_DATA_DIR>/jwt-secret}, the data directory defaulting to {@code data} as everywhere else. */
    public static Path localSecretFile(Env env) {
        return Path.of(env.raw("UGC_DATA_DIR").filter(d -> !d.isBlank()).orElse("data"))
                .resolve(LocalSecret.FILE_NAME);
    }

    public static JwtSettings hmac(String secret) {
        return new JwtSettings(secret, null, Duration.ofSeconds(30), "roles", null);
    }

    /** True when no secret or key was configured and the generated one is in use. */
    public boolean generatedSecret() {
        return generatedSecretFile != null;
    }

    private static String readPem(String value) {
        if (value == null || value.contains("-----BEGIN")) {
            return value;
        }
        try {
            return Files.readString(Path.of(value), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("invalid UGC_JWT_PUBLIC_KEY: neither PEM text nor a readable file: " + value);
        }
    }
}
