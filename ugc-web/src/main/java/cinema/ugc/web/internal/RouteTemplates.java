package cinema.ugc.web.internal;

import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps a request path to the route template that serves it ({@code /api/v1/films/:id}), so metrics are tagged by
 * template and a scan of random URLs cannot create unbounded time series.
 */
public final class RouteTemplates {
    public static final String UNMATCHED = "unmatched";

    private final Set<String> exact = new HashSet<>();
    private final List<Template> patterns = new ArrayList<>();

    private record Template(String template, Pattern pattern) {}

    public RouteTemplates(Router router) {
        for (Route route : router.getRoutes()) {
            String path = route.getPath();
            if (path == null || path.equals("/")) {
                continue;
            }
            if (path.contains(":") || path.contains("*")) {
                patterns.add(new Template(path, Pattern.compile(toRegex(path))));
            } else {
                exact.add(path);
            }
        }
    }

    public String templateOf(String path) {
        if (path == null) {
            return UNMATCHED;
        }
        if (exact.contains(path)) {
            return path;
        }
        for (Template t : patterns) {
            if (t.pattern().matcher(path).matches()) {
                return t.template();
            }
        }
        return UNMATCHED;
    }

    private static String toRegex(String template) {
        return template.replaceAll("\\.", "\\\\.")
                .replaceAll(":[A-Za-z0-9_]+", "[^/]+")
                .replace("*", ".*");
    }
}
