package cinema.ugc.model.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An immutable view of the settings source: environment variables, optionally overridden by command-line flags. */
public final class Env {
    private final Map<String, String> values;

    private Env(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Env of(Map<String, String> values) {
        return new Env(values);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    /** A copy in which {@code overrides} win; null values in the overrides are ignored. */
    public Env with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(values);
        overrides.forEach((k, v) -> {
            if (v != null) {
                merged.put(k, v);
            }
        });
        return new Env(merged);
    }

    /** The raw value, absent when unset or blank (a blank variable means "use the default"). */
    public Optional<String> raw(String key) {
        return Optional.ofNullable(values.get(key)).map(String::trim).filter(s -> !s.isEmpty());
    }

    public <T> T get(Setting<T> setting) {
        return setting.read(this);
    }
}
