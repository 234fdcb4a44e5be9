package cinema.ugc.load.internal;

import cinema.ugc.web.TokenIssuer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One bearer token per simulated user, signed once and reused for the whole run. */
public final class Tokens {
    private final TokenIssuer issuer;
    private final Duration ttl;
    private final Map<String, String> byUser = new HashMap<>();

    public Tokens(TokenIssuer issuer, Duration ttl) {
        this.issuer = issuer;
        this.ttl = ttl;
    }

    public String bearer(String userId) {
        return byUser.computeIfAbsent(userId, u -> "Bearer " + issuer.issue(u, ttl, List.of()));
    }
}
