package cinema.ugc.app;

import cinema.ugc.model.config.Env;
import cinema.ugc.model.config.Setting;
import java.util.List;
import java.util.Locale;

/** How every {@code ./ugc} command logs. Applied by {@link Main} before the first logger exists. */
public record LogSettings(Format format) {
    /** Human text (the default) or one JSON object per line for a log pipeline. */
    public enum Format {
        TEXT,
        JSON
    }

    public static final Setting<Format> FORMAT = Setting.oneOf(
            "UGC_LOG_FORMAT",
            Format.TEXT,
            Format.class,
            "Log format on standard error: `text` for people, `json` for one JSON object per line (time, level, "
                    + "logger, thread, message, stack_trace) for a log pipeline.");
    public static final List<Setting<?>> SETTINGS = List.of(FORMAT);

    /** The system property logback.xml reads the format from. */
    static final String PROPERTY = "ugc.log.format";

    public static LogSettings from(Env env) {
        return new LogSettings(env.get(FORMAT));
    }

    /**
     * Hands the format to Logback, which reads its configuration when the first logger is created; a property
     * set by the user on the command line ({@code -Dugc.log.format=...}) wins.
     */
    void apply() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, format.name().toLowerCase(Locale.ROOT));
        }
    }
}
