package cinema.ugc.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Correctly signed tokens with badly typed claims and malformed HTTP framing, over real HTTP against the real server:
 * a 401 or 400 that names the problem, never a 500, a hang, or a stack trace in the log.
 */
class HostileInputTest {
    static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    static Vertx vertx;
    static WebServer server;
    static final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final TokenIssuer issuer = new TokenIssuer(SECRET, "roles", Clock.systemUTC());

    @BeforeAll
    static void start() throws Exception {
        vertx = EventLoops.create();
        BearerAuth auth = new BearerAuth(JwtVerifier.create(vertx, JwtSettings.hmac(SECRET)));
        server = WebServer.builder(
                        vertx,
                        new WebSettings("127.0.0.1", 0, 1, 64 * 1024, 256 * 1024),
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .routes(new WebServerTest.EchoRoutes(auth))
                .build();
        server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static List<Object[]> badClaims() {
        long now = Instant.now().getEpochSecond();
        return List.of(
                new Object[] {"exp", "tomorrow", "exp claim must be a NumericDate"},
                new Object[] {"exp", 1e300, "exp claim is out of range"},
                new Object[] {"exp", -5, "exp claim is out of range"},
                new Object[] {"nbf", String.valueOf(now), "nbf claim must be a NumericDate"},
                new Object[] {"iat", List.of(now), "iat claim must be a NumericDate"},
                new Object[] {"iat", Map.of("t", now), "iat claim must be a NumericDate"},
                new Object[] {"nbf", true, "nbf claim must be a NumericDate"},
                new Object[] {"sub", 42, "sub claim must be a string"});
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badClaims")
    void wronglyTypedClaimIs401NamingTheClaim(String claim, Object value, String expected) throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "u1");
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("exp", Instant.now().getEpochSecond() + 600);
        claims.put(claim, value);
        String token = issuer.sign(Map.of("alg", "HS256", "typ", "JWT"), claims);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/echo"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        WebServerTest.assertProblem(response, 401, expected);
    }

    /**
     * A broken chunk inside the body: Netty fails the connection as it fails the request, so the problem+json 400 the
     * failure handler writes may not get out before the close. Either is fine; a stack trace or a hang is not.
     */
    @ParameterizedTest(name = "chunk line {0}")
    @MethodSource("badChunks")
    void malformedChunkIs400OrCloseAndOnlyAWarning(String chunks) throws Exception {
        String token = issuer.issue("u1", Duration.ofMinutes(5), List.of());
        String answer = rawExchange("POST /echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks);
        assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 400"), answer);
        assertServerStillServes();
    }

    static List<String> badChunks() {
        return List.of(
                "zz-not-hex\r\n{}\r\n0\r\n\r\n",
                "2\r\n{}\r\n;;bad;;\r\nxx\r\n0\r\n\r\n",
                "fffffffffffffffff\r\n{}\r\n0\r\n\r\n");
    }

    /** A framing error in the head leaves the connection able to answer: then it is a 400. */
    @ParameterizedTest(name = "header {0}")
    @MethodSource("badFramingHeaders")
    void malformedFramingHeaderIs400WithoutStackTrace(String header) throws Exception {
        String answer = rawExchange(
                "POST /echo HTTP/1.1\r\nHost: localhost\r\n" + header + "\r\nContent-Type: application/json\r\n\r\n{}");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertServerStillServes();
    }

    static List<String> badFramingHeaders() {
        return List.of("Content-Length: abc", "Content-Length: 2\r\nContent-Length: 5", "Content-Length: -5");
    }

    /** A client that resets the connection mid-body: nothing to answer, and nothing worse than a WARN line. */
    @ParameterizedTest(name = "reset after {0}")
    @MethodSource("partialRequests")
    void connectionResetMidRequestLogsNoStackTrace(String partial) throws Exception {
        String token = issuer.issue("u1", Duration.ofMinutes(5), List.of());
        String log = capturingStderr(() -> {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.getOutputStream().write(partial.replace("TOKEN", token).getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                socket.setSoLinger(true, 0); // close with a TCP RST, as a crashing client does
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertFalse(log.contains("ERROR"), log);
        assertFalse(log.contains("\tat "), "no stack trace in the log:\n" + log);
        assertServerStillServes();
    }

    static List<String> partialRequests() {
        return List.of(
                "POST /echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer TOKEN\r\nContent-Length: 100\r\n\r\n{",
                "POST /echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer TOKEN\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{",
                "POST /echo HTTP/1.1\r\nHost: local");
    }

    /** Sends {@code request} and returns what came back, asserting that the log got no ERROR and no stack trace. */
    private static String rawExchange(String request) throws Exception {
        String[] answer = new String[1];
        String log = capturingStderr(() -> answer[0] = exchange(request));
        assertFalse(log.contains("ERROR"), log);
        assertFalse(log.contains("\tat "), "no stack trace in the log:\n" + log);
        return answer[0];
    }

    private static void assertServerStillServes() throws Exception {
        assertEquals(
                200,
                http.send(
                                HttpRequest.newBuilder(URI.create(base() + "/health/live"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode());
    }

    private static String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Sends raw bytes and reads until the server closes the connection (or 10 s pass). */
    private static String exchange(String request) {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new AssertionError("the server neither answered nor closed cleanly: " + e, e);
        }
    }

    /** Runs {@code action} with System.err teed into a buffer (slf4j-simple writes to the current System.err). */
    private static String capturingStderr(Runnable action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
        try {
            action.run();
            // the log line, if any, is written on the event loop: a request after it is ordered behind it
            http.send(
                    HttpRequest.newBuilder(URI.create(base() + "/health/live")).build(),
                    HttpResponse.BodyHandlers.discarding());
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
