package cinema.ugc.web;

import java.time.Instant;
import java.util.List;

/** The verified caller of a request: the token's {@code sub}, its roles and when the token expires. */
public record AuthenticatedUser(String subject, List<String> roles, Instant expiresAt) {
    public AuthenticatedUser {
        roles = List.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
