package cinema.ugc.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threeten.extra.MutableClock;

class JwtVerifierTest {
    static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    static Vertx vertx;
    static KeyPair rsa;
    static KeyPair ec;

    @BeforeAll
    static void setUp() throws Exception {
        vertx = Vertx.vertx();
        rsa = TestJwts.rsa();
        ec = TestJwts.ec();
    }

    @AfterAll
    static void tearDown() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    JwtVerifier hmacVerifier() {
        return JwtVerifier.create(vertx, JwtSettings.hmac(SECRET));
    }

    JwtVerifier keyVerifier(KeyPair pair, String secret) {
        return JwtVerifier.create(
                vertx, new JwtSettings(secret, TestJwts.pem(pair.getPublic()), Duration.ofSeconds(30), "roles", null));
    }

    static Map<String, Object> claims(long expOffsetSeconds) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "user-42");
        claims.put("iat", now);
        claims.put("exp", now + expOffsetSeconds);
        return claims;
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static String rejection(JwtVerifier verifier, String token) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(verifier.verify(token)));
        HttpProblem problem = assertInstanceOf(HttpProblem.class, e.getCause());
        assertEquals(401, problem.status());
        return problem.detail();
    }

    @Test
    void acceptsTokenFromIssuerWithSubjectAndRoles() throws Exception {
        String token = new TokenIssuer(SECRET, "roles", Clock.systemUTC())
                .issue("user-42", Duration.ofHours(1), List.of("analyst"));
        AuthenticatedUser user = await(hmacVerifier().verify(token));
        assertEquals("user-42", user.subject());
        assertTrue(user.hasRole("analyst"));
    }

    @Test
    void rejectsExpiredToken() {
        String token = new TokenIssuer(SECRET, "roles", Clock.systemUTC()).sign(Map.of("alg", "HS256"), claims(-3600));
        assertTrue(rejection(hmacVerifier(), token).contains("invalid bearer token"));
    }

    @Test
    void toleratesExpiryWithinClockSkew() throws Exception {
        String token = new TokenIssuer(SECRET, "roles", Clock.systemUTC()).sign(Map.of("alg", "HS256"), claims(-5));
        assertEquals("user-42", await(hmacVerifier().verify(token)).subject());
    }

    @Test
    void rejectsTokenWithoutExp() {
        Map<String, Object> claims = claims(60);
        claims.remove("exp");
        String token = new TokenIssuer(SECRET, "roles", Clock.systemUTC()).sign(Map.of("alg", "HS256"), claims);
        assertTrue(rejection(hmacVerifier(), token).contains("exp"));
    }

    @Test
    void rejectsTokenWithoutSubject() {
        Map<String, Object> claims = claims(60);
        claims.remove("sub");
        String token = new TokenIssuer(SECRET, "roles", Clock.systemUTC()).sign(Map.of("alg", "HS256"), claims);
        assertTrue(rejection(hmacVerifier(), token).contains("sub"));
    }

    @Test
    void rejectsTokenNotYetValid() {
        Map<String, Object> claims = claims(7200);
        claims.put("nbf", Instant.now().getEpochSecond() + 3600);
        String token = new TokenIssuer(SECRET, "roles", Clock.systemUTC()).sign(Map.of("alg", "HS256"), claims);
        rejection(hmacVerifier(), token);
    }

    @Test
    void rejectsTokenIssuedInTheFuture() {
        Map<String, Object> claims = claims(7200);
        claims.put("iat", Instant.now().getEpochSecond() + 3600);
        String token = new TokenIssuer(SECRET, "roles", Clock.systemUTC()).sign(Map.of("alg", "HS256"), claims);
        rejection(hmacVerifier(), token);
    }

    @Test
    void rejectsWrongSecret() {
        String token = new TokenIssuer("another-secret-that-is-also-long-enough!!", "roles", Clock.systemUTC())
                .issue("user-42", Duration.ofHours(1), List.of());
        rejection(hmacVerifier(), token);
    }

    @Test
    void rejectsTamperedPayload() throws Exception {
        String token =
                new TokenIssuer(SECRET, "roles", Clock.systemUTC()).issue("user-42", Duration.ofHours(1), List.of());
        Map<String, Object> forged = claims(3600);
        forged.put("sub", "admin");
        rejection(hmacVerifier(), TestJwts.withPayload(token, forged));
    }

    @Test
    void rememberedTokenStillExpiresAtExpPlusSkew() throws Exception {
        MutableClock clock = MutableClock.of(Instant.now(), ZoneOffset.UTC); // moved by hand: no sleeping to an expiry
        JwtVerifier verifier = JwtVerifier.create(vertx, JwtSettings.hmac(SECRET), clock);
        String token = new TokenIssuer(SECRET, "roles", Clock.systemUTC()).sign(Map.of("alg", "HS256"), claims(60));
        assertEquals("user-42", await(verifier.verify(token)).subject());
        clock.add(Duration.ofSeconds(60 + 25)); // inside the 30 s skew: the remembered answer stands
        assertEquals("user-42", await(verifier.verify(token)).subject());
        clock.add(Duration.ofSeconds(10));
        assertTrue(rejection(verifier, token).contains("expired"));
    }

    @Test
    void rememberedTokenIsForgottenAfterTheRememberPeriod() throws Exception {
        MutableClock clock = MutableClock.of(Instant.now(), ZoneOffset.UTC); // moved by hand: no sleeping to an expiry
        JwtVerifier verifier = JwtVerifier.create(vertx, JwtSettings.hmac(SECRET), clock);
        String token = new TokenIssuer(SECRET, "roles", Clock.systemUTC()).sign(Map.of("alg", "HS256"), claims(3600));
        await(verifier.verify(token));
        clock.add(JwtVerifier.REMEMBERED_FOR.plusSeconds(1));
        // Forgotten, so verified again in full — by Vert.x against the real time, where the token is still valid.
        assertEquals("user-42", await(verifier.verify(token)).subject());
    }

    @Test
    void aRememberedTokenDoesNotVouchForATamperedCopy() throws Exception {
        JwtVerifier verifier = hmacVerifier();
        String token =
                new TokenIssuer(SECRET, "roles", Clock.systemUTC()).issue("user-42", Duration.ofHours(1), List.of());
        assertEquals("user-42", await(verifier.verify(token)).subject());
        Map<String, Object> forged = claims(3600);
        forged.put("sub", "admin");
        rejection(verifier, TestJwts.withPayload(token, forged));
        String[] parts = token.split("\\.");
        rejection(verifier, parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse());
        assertEquals("user-42", await(verifier.verify(token)).subject());
    }

    @Test
    void rejectsAlgNone() throws Exception {
        rejection(hmacVerifier(), TestJwts.unsigned(claims(3600)));
        rejection(keyVerifier(rsa, SECRET), TestJwts.unsigned(claims(3600)));
    }

    @Test
    void rejectsGarbage() {
        for (String garbage : List.of("", "abc", "a.b.c", "....", "eyJhbGciOiJIUzI1NiJ9.e30.", "\u0000\u00ff")) {
            rejection(hmacVerifier(), garbage);
        }
    }

    @Test
    void acceptsRs256AndEs256WithPublicKey() throws Exception {
        assertEquals(
                "user-42",
                await(keyVerifier(rsa, null).verify(TestJwts.signed("RS256", rsa.getPrivate(), claims(60))))
                        .subject());
        assertEquals(
                "user-42",
                await(keyVerifier(ec, null).verify(TestJwts.signed("ES256", ec.getPrivate(), claims(60))))
                        .subject());
    }

    @Test
    void rejectsRs256SignedByAnotherKey() throws Exception {
        KeyPair other = TestJwts.rsa();
        rejection(keyVerifier(rsa, null), TestJwts.signed("RS256", other.getPrivate(), claims(60)));
    }

    @Test
    void rejectsHsRsConfusion() {
        // The classic attack: HS256 "signed" with the server's public key text as the HMAC secret.
        String pem = TestJwts.pem(rsa.getPublic());
        String forged = new TokenIssuer(pem, "roles", Clock.systemUTC()).sign(Map.of("alg", "HS256"), claims(60));
        rejection(keyVerifier(rsa, null), forged);
        rejection(keyVerifier(rsa, SECRET), forged);
    }

    @Test
    void rejectsRs256TokenWhenOnlySecretConfigured() throws Exception {
        rejection(hmacVerifier(), TestJwts.signed("RS256", rsa.getPrivate(), claims(60)));
    }

    @Test
    void withNothingConfiguredAnOwnerOnlySecretIsGeneratedOnceAndKept(@TempDir Path dataDir) throws Exception {
        Env env = Env.of(Map.of("UGC_DATA_DIR", dataDir.toString()));
        JwtSettings generated = JwtSettings.from(env);
        assertTrue(generated.generatedSecret());
        Path file = dataDir.resolve("jwt-secret");
        assertEquals(file, generated.generatedSecretFile());
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        assertEquals(32, Base64.getUrlDecoder().decode(generated.hmacSecret()).length, "32 random bytes, base64url");
        assertEquals(generated.hmacSecret(), JwtSettings.from(env).hmacSecret(), "a restart keeps the secret");
        assertFalse(
                generated
                        .hmacSecret()
                        .equals(JwtSettings.from(Env.of(Map.of(
                                        "UGC_DATA_DIR", dataDir.resolve("other").toString())))
                                .hmacSecret()),
                "another installation has its own");

        String published = "ugc-local-development-secret-NOT-FOR-PRODUCTION-0001";
        String old = new TokenIssuer(published, "roles", Clock.systemUTC()).issue("u", Duration.ofHours(1), List.of());
        rejection(JwtVerifier.create(vertx, generated), old);
        String fresh = TokenIssuer.from(generated).issue("u", Duration.ofHours(1), List.of());
        assertEquals(
                "u",
                await(JwtVerifier.create(vertx, JwtSettings.from(env)).verify(fresh))
                        .subject());

        JwtSettings configured = JwtSettings.from(Env.of(Map.of("UGC_JWT_SECRET", SECRET)));
        assertEquals(SECRET, configured.hmacSecret());
        assertFalse(configured.generatedSecret());
        JwtSettings keyOnly = JwtSettings.from(Env.of(Map.of("UGC_JWT_PUBLIC_KEY", TestJwts.pem(rsa.getPublic()))));
        assertEquals(null, keyOnly.hmacSecret());
    }

    @Test
    void aGeneratedSecretKeepsTheServerOnLoopbackUnlessTheHostIsSetExplicitly(@TempDir Path dataDir) {
        JwtSettings generated = JwtSettings.from(Env.of(Map.of("UGC_DATA_DIR", dataDir.toString())));
        assertEquals("127.0.0.1", WebSettings.from(Env.of(Map.of()), generated).host());
        assertEquals(
                "0.0.0.0",
                WebSettings.from(Env.of(Map.of("UGC_HTTP_HOST", "0.0.0.0")), generated)
                        .host());
        assertEquals(
                "0.0.0.0",
                WebSettings.from(Env.of(Map.of()), JwtSettings.hmac(SECRET)).host());
    }

    @Test
    void settingsRejectShortSecretAndBadKeyNamingTheSetting() {
        ConfigException shortSecret =
                assertThrows(ConfigException.class, () -> JwtSettings.from(Env.of(Map.of("UGC_JWT_SECRET", "short"))));
        assertTrue(shortSecret.getMessage().contains("UGC_JWT_SECRET"));
        String badPem = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----";
        ConfigException badKey = assertThrows(
                ConfigException.class,
                () -> JwtVerifier.create(vertx, new JwtSettings(null, badPem, Duration.ZERO, "roles", null)));
        assertTrue(badKey.getMessage().contains("UGC_JWT_PUBLIC_KEY"));
    }
}
