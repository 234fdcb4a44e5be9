package cinema.ugc.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure answered as {@code application/problem+json} (RFC 9457). Throw it from a handler or pass it to
 * {@code ctx.fail(problem)}; the server's failure handler writes it. Extensions (e.g. {@code errors}) become
 * extra members of the body; headers (e.g. {@code Retry-After}) are added to the response.
 */
public final class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final transient Map<String, Object> extensions;
    private final transient Map<String, String> headers;

    public HttpProblem(int status, String title, String detail) {
        this(status, title, detail, Map.of(), Map.of());
    }

    private HttpProblem(
            int status, String title, String detail, Map<String, Object> extensions, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.extensions = Map.copyOf(extensions);
        this.headers = Map.copyOf(headers);
    }

    public static HttpProblem badRequest(String detail) {
        return new HttpProblem(400, "Bad Request", detail);
    }

    public static HttpProblem unauthorized(String detail) {
        return new HttpProblem(401, "Unauthorized", detail).withHeader("WWW-Authenticate", "Bearer");
    }

    public static HttpProblem forbidden(String detail) {
        return new HttpProblem(403, "Forbidden", detail);
    }

    public static HttpProblem tooLarge(String detail) {
        return new HttpProblem(413, "Content Too Large", detail);
    }

    public static HttpProblem unsupportedMediaType(String detail) {
        return new HttpProblem(415, "Unsupported Media Type", detail);
    }

    public static HttpProblem unavailable(String detail, int retryAfterSeconds) {
        return new HttpProblem(503, "Service Unavailable", detail)
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }

    public static HttpProblem tooManyRequests(String detail, long retryAfterSeconds) {
        return new HttpProblem(429, "Too Many Requests", detail)
                .withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }

    public HttpProblem withExtension(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(extensions);
        copy.put(name, value);
        return new HttpProblem(status, title, getMessage(), copy, headers);
    }

    public HttpProblem withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpProblem(status, title, getMessage(), extensions, copy);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
