package cinema.ugc.model;

import java.time.Duration;
import java.util.Objects;

/** Limits of the event contract that an operator may tune. */
public record ValidationRules(Duration maxFutureSkew, Duration maxAge) {
    public static final int MAX_DESCRIPTION_LENGTH = 1024;
    public static final int MAX_FILM_ID_LENGTH = 128;
    public static final int MAX_PROPERTIES = 32;
    public static final int MAX_PROPERTY_KEY_LENGTH = 64;
    public static final int MAX_PROPERTY_VALUE_LENGTH = 256;

    public static final ValidationRules DEFAULT = new ValidationRules(Duration.ofMinutes(5), Duration.ofDays(30));

    public ValidationRules {
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(maxAge, "maxAge");
    }
}
