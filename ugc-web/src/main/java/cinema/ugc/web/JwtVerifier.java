package cinema.ugc.web;

import cinema.ugc.web.internal.ClaimTypes;
import cinema.ugc.web.internal.PemKeys;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies bearer tokens: signature (HS256 with the secret, RS256/ES256 with the public key — the algorithm in the
 * token header must match a configured key, so {@code alg: none} and HS/RS confusion fail), {@code exp} required,
 * {@code nbf}/{@code iat} honoured with the configured clock skew, {@code sub} required.
 *
 * <p>A token that passed is remembered, keyed by its whole text (signature included, so a tampered token never
 * matches), until its {@code exp} plus the skew or for {@link #REMEMBERED_FOR}, whichever comes first: clients send
 * the same token with every request, and checking it again is a large share of a single-event request's CPU
 * (docs/benchmarks.md#ingest-api).
 */
public final class JwtVerifier {
    private static final Logger log = LoggerFactory.getLogger(JwtVerifier.class);

    static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);
    private static final int REMEMBERED_TOKENS = 50_000;

    private final JWTAuth jwt;
    private final String roleClaim;
    private final Duration clockSkew;
    private final Clock clock;
    private final Cache<String, AuthenticatedUser> verified;

    private JwtVerifier(JWTAuth jwt, String roleClaim, Duration clockSkew, Clock clock) {
        this.jwt = jwt;
        this.roleClaim = roleClaim;
        this.clockSkew = clockSkew;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(REMEMBERED_TOKENS)
                .expireAfterWrite(REMEMBERED_FOR)
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
    }

    public static JwtVerifier create(Vertx vertx, JwtSettings settings) {
        return create(vertx, settings, Clock.systemUTC());
    }

    /** With the clock that decides when a remembered token has expired (the signature check itself uses Vert.x's). */
    public static JwtVerifier create(Vertx vertx, JwtSettings settings, Clock clock) {
        if (settings.generatedSecret()) {
            log.info(
                    "UGC_JWT_SECRET and UGC_JWT_PUBLIC_KEY are unset: accepting tokens signed with this installation's "
                            + "generated secret in {} (./ugc token signs with it)",
                    settings.generatedSecretFile());
        }
        JWTAuthOptions options = new JWTAuthOptions()
                .setJWTOptions(new JWTOptions()
                        .setLeeway((int) settings.clockSkew().toSeconds())
                        .setIgnoreExpiration(false));
        if (settings.hmacSecret() != null) {
            options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(settings.hmacSecret()));
        }
        if (settings.publicKeyPem() != null) {
            String algorithm = PemKeys.jwtAlgorithm(settings.publicKeyPem());
            options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(settings.publicKeyPem()));
        }
        return new JwtVerifier(JWTAuth.create(vertx, options), settings.roleClaim(), settings.clockSkew(), clock);
    }

    /** Succeeds with the caller, or fails with a 401 {@link HttpProblem} saying what is wrong with the token. */
    public Future<AuthenticatedUser> verify(String token) {
        AuthenticatedUser known = verified.getIfPresent(token);
        if (known != null) {
            if (clock.instant().isBefore(known.expiresAt().plus(clockSkew))) {
                return Future.succeededFuture(known);
            }
            verified.invalidate(token);
            return Future.failedFuture(
                    HttpProblem.unauthorized("invalid bearer token: expired at " + known.expiresAt()));
        }
        return authenticate(token)
                .recover(e -> Future.failedFuture(HttpProblem.unauthorized("invalid bearer token: " + reason(e))))
                .compose(user -> toUser(claims(user.attributes())))
                .onSuccess(user -> verified.put(token, user));
    }

    /** The library's check, after the claim types it relies on; whatever it throws becomes a failed future. */
    private Future<io.vertx.ext.auth.User> authenticate(String token) {
        Optional<String> wrongType = ClaimTypes.problem(token);
        if (wrongType.isPresent()) {
            return Future.failedFuture(new IllegalArgumentException(wrongType.get()));
        }
        try {
            return jwt.authenticate(new TokenCredentials(token));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** Vert.x keeps the decoded payload under the user's {@code accessToken} attribute. */
    private static JsonObject claims(JsonObject attributes) {
        JsonObject claims = attributes == null ? null : attributes.getJsonObject("accessToken");
        return claims == null ? new JsonObject() : claims;
    }

    private Future<AuthenticatedUser> toUser(JsonObject claims) {
        if (!(claims.getValue("exp") instanceof Number exp)) {
            return Future.failedFuture(HttpProblem.unauthorized("invalid bearer token: the exp claim is required"));
        }
        if (!(claims.getValue("sub") instanceof String sub) || sub.isBlank()) {
            return Future.failedFuture(HttpProblem.unauthorized("invalid bearer token: the sub claim is required"));
        }
        return Future.succeededFuture(
                new AuthenticatedUser(sub, roles(claims.getValue(roleClaim)), Instant.ofEpochSecond(exp.longValue())));
    }

    private static List<String> roles(Object claim) {
        if (claim instanceof String role) {
            return List.of(role.split("[ ,]+"));
        }
        if (claim instanceof JsonArray array) {
            return array.stream()
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .toList();
        }
        return List.of();
    }

    private static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 200 ? message.substring(0, 200) : message;
    }
}
