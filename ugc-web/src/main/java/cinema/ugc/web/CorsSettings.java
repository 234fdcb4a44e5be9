package cinema.ugc.web;

import cinema.ugc.model.config.Env;
import cinema.ugc.model.config.Setting;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Which web origins may call {@code /api/*} from a browser (CORS). Exact origins only: a wildcard would let any page
 * spend a visitor's token.
 *
 * @param allowedOrigins {@code scheme://host[:port]}, lower-case, no path; empty = no cross-origin access
 */
public record CorsSettings(List<String> allowedOrigins) {
    public static final Setting<List<String>> ALLOWED_ORIGINS = new Setting<>(
            "UGC_CORS_ALLOWED_ORIGINS",
            "Comma-separated web origins (scheme://host[:port]) whose pages may call /api/* from a browser; "
                    + "empty = none. No wildcard. ./ugc run adds its demo site's origin.",
            "",
            CorsSettings::parse);

    public static final List<Setting<?>> SETTINGS = List.of(ALLOWED_ORIGINS);

    public CorsSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public static CorsSettings from(Env env) {
        return new CorsSettings(env.get(ALLOWED_ORIGINS));
    }

    public static CorsSettings none() {
        return new CorsSettings(List.of());
    }

    /** These settings plus {@code origins} (each validated like the setting's values). */
    public CorsSettings with(List<String> origins) {
        LinkedHashSet<String> all = new LinkedHashSet<>(allowedOrigins);
        origins.forEach(o -> all.add(origin(o)));
        return new CorsSettings(new ArrayList<>(all));
    }

    static List<String> parse(String text) {
        List<String> origins = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                origins.add(origin(part.trim()));
            }
        }
        return List.copyOf(new LinkedHashSet<>(origins));
    }

    /** Validates one origin the way a browser writes it in the {@code Origin} header. */
    static String origin(String text) {
        if (text.contains("*")) {
            throw new IllegalArgumentException("no wildcards: list each origin (" + text + ")");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not an origin: " + text);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null
                && uri.getRawUserInfo() == null;
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
            throw new IllegalArgumentException("an origin is scheme://host[:port] with no path, e.g. "
                    + "https://cinema.example (got " + text + ")");
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
