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
     * Runs one statement and returns the response body.
     *
     * @throws IllegalStateException  when the server answers anything but 200 (the body says why)
     * @throws UncheckedIOException   when the server cannot be reached or does not answer within {@code timeout}
     */
    public String execute(String statement, Duration timeout) {
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
        } catch (IOException e) {
            throw new UncheckedIOException("ClickHouse at " + url + " unreachable for " + statement, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + statement, e);
        }
    }
}
