package cinema.ugc.model;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Writes an event's flat properties map (String, Boolean or Number values) as a JSON object text — the form every
 * store keeps. Hand-written because Jackson's generic map serialisation is the largest per-row cost of a batch write
 * (docs/benchmarks.md#stores); anything other than those scalars falls back to {@link EventCodec#propertiesJson}. The output parses back
 * to the same map with {@link EventCodec#parsePropertiesJson}. It lives beside the decoder because the decoder promises
 * ({@link JsonProperties}) that the text it keeps is exactly what this writer would produce.
 */
public final class PropertiesJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final EventCodec codec = new EventCodec();
    private final StringBuilder sb = new StringBuilder(256);

    /** Not thread-safe: one instance per writing thread. */
    public String write(Map<String, Object> properties) {
        if (properties instanceof JsonProperties decoded) {
            return decoded.json(); // as read from Kafka, and the decoder vouches it is what this method would write
        }
        if (properties.isEmpty()) {
            return "{}";
        }
        sb.setLength(0);
        sb.append('{');
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            string(e.getKey());
            sb.append(':');
            if (!value(e.getValue())) {
                return codec.propertiesJson(properties);
            }
        }
        return sb.append('}').toString();
    }

    private boolean value(Object v) {
        if (v instanceof String s) {
            string(s);
        } else if (v instanceof Boolean
                || v instanceof Integer
                || v instanceof Long
                || v instanceof Short
                || v instanceof Byte) {
            sb.append(v);
        } else if (v instanceof Double d && Double.isFinite(d)) {
            sb.append(d.doubleValue());
        } else if (v instanceof BigDecimal b) {
            sb.append(b.toString());
        } else {
            return false;
        }
        return true;
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
