package cinema.ugc.web.internal;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks the types of a token's registered claims before the JWT library reads them: Vert.x's JWT casts {@code exp},
 * {@code nbf} and {@code iat} to numbers without checking, so a correctly signed token with {@code "exp":"soon"} was
 * a ClassCastException (a 500), and {@code "exp":1e300} an instant out of range. Looking at unverified claims is safe
 * here because the outcome can only be a rejection; a token that passes is still verified in full afterwards.
 */
public final class ClaimTypes {
    /** 9999-12-31T23:59:59Z: a NumericDate beyond it is no date any clock will reach. */
    static final double MAX_NUMERIC_DATE = 253_402_300_799d;

    private static final String[] DATE_CLAIMS = {"exp", "nbf", "iat"};

    private ClaimTypes() {}

    /** What is wrong with the claims of {@code token}, naming the claim; empty when they are well typed or unreadable. */
    public static Optional<String> problem(String token) {
        JsonObject claims = payload(token);
        if (claims == null) {
            return Optional.empty(); // not a JWT at all: the library says why
        }
        for (String name : DATE_CLAIMS) {
            Optional<String> problem = numericDate(name, claims.getValue(name));
            if (problem.isPresent()) {
                return problem;
            }
        }
        Object sub = claims.getValue("sub");
        if (sub != null && !(sub instanceof String)) {
            return Optional.of("the sub claim must be a string, not " + typeOf(sub));
        }
        return Optional.empty();
    }

    private static Optional<String> numericDate(String name, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Number number)) {
            return Optional.of("the " + name
                    + " claim must be a NumericDate (seconds since 1970 as a JSON number), not " + typeOf(value));
        }
        double seconds = number.doubleValue();
        if (!Double.isFinite(seconds) || seconds < 0 || seconds > MAX_NUMERIC_DATE) {
            return Optional.of("the " + name + " claim is out of range: a NumericDate between 0 and "
                    + (long) MAX_NUMERIC_DATE + " (year 9999) is expected");
        }
        return Optional.empty();
    }

    private static JsonObject payload(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            return null;
        }
    }

    private static String typeOf(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof io.vertx.core.json.JsonArray) {
            return "an array";
        }
        if (value instanceof JsonObject) {
            return "an object";
        }
        return value instanceof Boolean ? "a boolean" : "a " + value.getClass().getSimpleName();
    }
}
