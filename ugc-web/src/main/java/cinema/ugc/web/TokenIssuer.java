package cinema.ugc.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints HS256 tokens with the configured secret — for {@code ./ugc token}, tests and the load generator. Production
 * tokens come from the cinema's Auth service; this class exists so that local use needs no Auth service.
 * Written without Vert.x on purpose, so tests cross-check it against the Vert.x verifier.
 */
public final class TokenIssuer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret;
    private final String roleClaim;
    private final Clock clock;

    public TokenIssuer(String secret, String roleClaim, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.roleClaim = roleClaim;
        this.clock = clock;
    }

    /** @throws IllegalStateException when the settings have no HS256 secret (only a public key) */
    public static TokenIssuer from(JwtSettings settings) {
        if (settings.hmacSecret() == null) {
            throw new IllegalStateException(
                    "UGC_JWT_SECRET is not set: tokens for a public key come from the Auth service");
        }
        return new TokenIssuer(settings.hmacSecret(), settings.roleClaim(), Clock.systemUTC());
    }

    public String issue(String subject, Duration ttl, List<String> roles) {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("iat", now);
        claims.put("exp", now + ttl.toSeconds());
        if (!roles.isEmpty()) {
            claims.put(roleClaim, roles);
        }
        return sign(Map.of("alg", "HS256", "typ", "JWT"), claims);
    }

    /** Signs arbitrary claims (tests use it for tokens without exp, with nbf in the future, ...). */
    public String sign(Map<String, Object> header, Map<String, Object> claims) {
        String signingInput = part(header) + "." + part(claims);
        return signingInput + "." + B64.encodeToString(hmac(signingInput));
    }

    private byte[] hmac(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static String part(Map<String, Object> json) {
        try {
            return B64.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("claims are not serialisable", e);
        }
    }
}
