package cinema.ugc.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a user did. Accepted in any case on input, always stored upper-case. */
public enum Action {
    CLICK(false),
    VIEW(false),
    FILM_PROGRESS(true),
    FILM_FINISHED(true),
    QUALITY_CHANGE(true),
    SEARCH(false),
    FILTER(false),
    RATING(true);

    private final boolean requiresFilm;

    Action(boolean requiresFilm) {
        this.requiresFilm = requiresFilm;
    }

    /** Whether an event of this action must name a {@code film_id}. */
    public boolean requiresFilm() {
        return requiresFilm;
    }

    public static Optional<Action> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String upper = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.name().equals(upper)).findFirst();
    }

    public static String allowedValues() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
