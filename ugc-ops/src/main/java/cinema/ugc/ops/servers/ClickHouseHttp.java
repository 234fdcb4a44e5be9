package cinema.ugc.ops.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Plain SQL over one ClickHouse server's HTTP interface, without a client library: the readiness probe, set-up
 * statements and {@code SYSTEM} commands of the servers this module starts. The product's reads and writes go through
 * ugc-store instead.
 */
public final class ClickHouseHttp {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final String url;

    /** @param url {@code http://host:port} */
    public ClickHouseHttp(String url) {
        this.url = url;
    }

    public static ClickHouseHttp loopback(int httpPort) {
        return new ClickHouseHttp("http://127.0.0.1:" + httpPort);
    }

    public String url() {
        return url;
    }

    /** Whether the server answers {@code GET /ping} with 200 within two seconds. */
    public boolean ping() {
        try {
            HttpResponse<Void> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url + "/ping"))
                            .timeout(PING_TIMEOUT)
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs one statement and returns the response body. A pooled connection the server closed just before the request
     * went out (ClickHouse drops idle keep-alive connections after 3 s; a restarted server's old ones are dead) ends
     * with no byte of an answer: the server never took the statement, so it is sent once more, on a new connection
     * (the JDK client retries only GETs that way). A server that ran a statement and then closed without a byte of an
     * answer would see it twice; the statements sent here are set-up, {@code SYSTEM} commands and test assertions.
     *
     * @throws IllegalStateException  when the server answers anything but 200 (the body says why)
     * @throws UncheckedIOException   when the server cannot be reached or does not answer within {@code timeout}
     */
    public String execute(String statement, Duration timeout) {
        try {
            return send(statement, timeout);
        } catch (IOException e) {
            if (closedBeforeAnswering(e)) {
                try {
                    return send(statement, timeout);
                } catch (IOException again) {
                    again.addSuppressed(e);
                    throw unreachable(statement, again);
                }
            }
            throw unreachable(statement, e);
        }
    }

    private String send(String statement, Duration timeout) throws IOException {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url + "/"))
                            .timeout(timeout)
                            .POST(HttpRequest.BodyPublishers.ofString(statement, StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(
                        "ClickHouse at " + url + " answered " + r.statusCode() + " to " + statement + ": " + r.body());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + statement, e);
        }
    }

    /** The connection ended before the first byte of a response (the JDK client's EOF on a reused connection). */
    static boolean closedBeforeAnswering(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.EOFException
                    || String.valueOf(t.getMessage()).contains("header parser received no bytes")) {
                return true;
            }
        }
        return false;
    }

    private UncheckedIOException unreachable(String statement, IOException e) {
        return new UncheckedIOException("ClickHouse at " + url + " unreachable for " + statement, e);
    }
}
