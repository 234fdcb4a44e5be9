package cinema.ugc.ops.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration templates under {@code deploy/templates/} (packaged on the class path as
 * {@code cluster-templates/}), shared by the local cluster and the Docker files so the two cannot drift.
 * Placeholders are {@code ${NAME}}; a placeholder without a value is an error, not an empty string.
 */
public final class Templates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    private Templates() {}

    public static String load(String name) {
        try (InputStream in = Templates.class.getResourceAsStream("/cluster-templates/" + name)) {
            if (in == null) {
                throw new IllegalStateException("template cluster-templates/" + name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name, e);
        }
    }

    public static String render(String name, Map<String, ?> values) {
        return substitute(load(name), values, name);
    }

    static String substitute(String text, Map<String, ?> values, String what) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException(what + ": no value for ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
