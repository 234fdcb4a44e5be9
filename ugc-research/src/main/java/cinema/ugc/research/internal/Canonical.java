package cinema.ugc.research.internal;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A store-independent text form of a query result, compared across stores: records by component, numbers by value
 * (an Integer 4 from one store equals a Long 4 from another), doubles to 9 significant digits (stores sum in
 * different orders), property maps key-sorted.
 */
public final class Canonical {
    private Canonical() {}

    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Double || value instanceof Float) {
            return String.format(java.util.Locale.ROOT, "%.9g", ((Number) value).doubleValue());
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Optional<?> o) {
            return o.map(v -> "Some(" + of(v) + ")").orElse("None");
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Canonical::of).collect(Collectors.joining(",\n ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, String> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), of(v)));
            return sorted.toString();
        }
        if (value instanceof Record record) {
            return record(record);
        }
        return value.toString();
    }

    private static String record(Record record) {
        StringBuilder out = new StringBuilder(record.getClass().getSimpleName()).append('(');
        RecordComponent[] components = record.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            try {
                Object v = components[i].getAccessor().invoke(record);
                out.append(i == 0 ? "" : ", ")
                        .append(components[i].getName())
                        .append('=')
                        .append(of(v));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + components[i], e);
            }
        }
        return out.append(')').toString();
    }

    /** Where two canonical texts first differ, with some context, for the failure message. */
    public static String firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        int start = Math.max(0, a.lastIndexOf('\n', Math.max(0, i - 1)));
        return "at char " + i + ":\n  " + snippet(a, start) + "\nvs\n  " + snippet(b, start);
    }

    private static String snippet(String s, int start) {
        return s.substring(Math.min(start, s.length()), Math.min(s.length(), start + 300))
                .strip();
    }
}
