package cinema.ugc.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
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

    private static final Map<String, Action> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Action::name, a -> a));

    private final boolean requiresFilm;

    Action(boolean requiresFilm) {
        this.requiresFilm = requiresFilm;
    }

    /** Whether an event of this action must name a {@code film_id}. */
    public boolean requiresFilm() {
        return requiresFilm;
    }

    /** The action named by {@code text} in any case, surrounding blanks ignored; empty for anything else. */
    public static Optional<Action> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        // Every stored and most sent actions are already upper-case: one map lookup, no copies (the ETL parses one
        // per row, and a stream over values() shows in its decoding profile: docs/benchmarks.md#etl)
        Action exact = BY_NAME.get(text);
        return exact != null
                ? Optional.of(exact)
                : Optional.ofNullable(BY_NAME.get(text.trim().toUpperCase(Locale.ROOT)));
    }

    public static String allowedValues() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
