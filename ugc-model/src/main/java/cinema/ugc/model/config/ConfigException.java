package cinema.ugc.model.config;

/** A setting with a value the application cannot run with; the message names the setting and the value. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
