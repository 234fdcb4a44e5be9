package cinema.ugc.model;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An event's properties as {@link EventCodec#decode} read them, with their JSON object text kept beside the map:
 * the text every store keeps, so the ETL need not write each row's properties out again (a large part of its per-row
 * encoding cost, docs/benchmarks.md#stores). The decoder attaches the text only when it is exactly what a store would write for the map
 * (no escapes, no duplicate keys, numbers in their shortest form), so a row stores the same bytes whichever way it
 * came. Immutable; equal to any map with the same entries.
 */
public final class JsonProperties extends AbstractMap<String, Object> {
    private final Map<String, Object> values;
    private final String json;

    JsonProperties(LinkedHashMap<String, Object> values, String json) {
        this.values = Collections.unmodifiableMap(values);
        this.json = Objects.requireNonNull(json, "json");
    }

    /** The properties as a JSON object text, byte for byte what {@link PropertiesJson} writes for this map. */
    public String json() {
        return json;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return values.entrySet();
    }

    @Override
    public Object get(Object key) {
        return values.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return values.containsKey(key);
    }

    @Override
    public int size() {
        return values.size();
    }
}
