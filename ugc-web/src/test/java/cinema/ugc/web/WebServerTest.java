package cinema.ugc.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared server in-process on a free port: built-in endpoints, body decoding limits, problem+json, auth. */
class WebServerTest {
    static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    static Vertx vertx;
    static WebServer server;
    static HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static volatile boolean ready = true;

    /** Echoes the decoded body's length; needs a token. */
    static final class EchoRoutes implements Routes {
        final BearerAuth auth;

        EchoRoutes(BearerAuth auth) {
            this.auth = auth;
        }

        @Override
        public void mount(io.vertx.ext.web.Router router) {
            router.post("/echo")
                    .handler(auth)
                    .handler(ctx -> ctx.json(new JsonObject()
                            .put("bytes", DecodedBody.of(ctx).length())
                            .put("user", BearerAuth.user(ctx).subject())));
            router.get("/admin")
                    .handler(auth)
                    .handler(BearerAuth.requireRole("analyst"))
                    .handler(ctx -> ctx.end("ok"));
        }

        @Override
        public String openApiYaml() {
            return "paths:\n  /echo:\n    post:\n      summary: echo\n";
        }
    }

    @BeforeAll
    static void start() throws Exception {
        vertx = EventLoops.create();
        BearerAuth auth = new BearerAuth(JwtVerifier.create(vertx, JwtSettings.hmac(SECRET)));
        server = WebServer.builder(
                        vertx,
                        new WebSettings("127.0.0.1", 0, 1, 64 * 1024, 256 * 1024),
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .routes(new EchoRoutes(auth))
                .readiness(Readiness.of(
                        "flag", () -> ready ? Future.succeededFuture() : Future.failedFuture("flag is down")))
                .build();
        server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static String token(String... roles) {
        return new TokenIssuer(SECRET, "roles", Clock.systemUTC()).issue("u1", Duration.ofMinutes(5), List.of(roles));
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = request("/echo")
                .header("Authorization", "Bearer " + token())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    static void assertProblem(HttpResponse<String> response, int status, String detailFragment) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                Problems.CONTENT_TYPE,
                response.headers().firstValue("Content-Type").orElse(""));
        JsonObject body = new JsonObject(response.body());
        assertEquals(status, body.getInteger("status"));
        assertTrue(body.getString("detail").contains(detailFragment), body.getString("detail"));
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void everyAnswerCarriesARequestIdTheCallersWhenItIsAPlainToken() throws Exception {
        HttpResponse<String> given = send(request("/health/live").header("X-Request-Id", "lb-7f3a.42:b_c"));
        assertEquals(
                "lb-7f3a.42:b_c", given.headers().firstValue("X-Request-Id").orElse(""));

        String generated = send(request("/health/live"))
                .headers()
                .firstValue("X-Request-Id")
                .orElseThrow();
        assertEquals(generated, java.util.UUID.fromString(generated).toString());

        HttpResponse<String> forged = send(request("/no-such-path").header("X-Request-Id", "a\"b,\"level\":\"x"));
        assertEquals(404, forged.statusCode());
        String replaced = forged.headers().firstValue("X-Request-Id").orElseThrow();
        assertEquals(
                replaced,
                java.util.UUID.fromString(replaced).toString(),
                "an id that is not a plain token is replaced");
    }

    @Test
    void liveAndReadyReflectChecks() throws Exception {
        assertEquals(200, send(request("/health/live")).statusCode());
        assertEquals(200, send(request("/health/ready")).statusCode());
        ready = false;
        try {
            HttpResponse<String> down = send(request("/health/ready"));
            assertEquals(503, down.statusCode());
            assertTrue(down.body().contains("flag is down"), down.body());
        } finally {
            ready = true;
        }
    }

    @Test
    void unknownPathAndWrongMethodAreProblems() throws Exception {
        assertProblem(send(request("/nope")), 404, "/nope");
        assertProblem(send(request("/echo")), 405, "GET");
    }

    @Test
    void authFailuresAre401WithChallenge() throws Exception {
        HttpResponse<String> missing = send(request("/echo").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertProblem(missing, 401, "missing Authorization");
        assertEquals("Bearer", missing.headers().firstValue("WWW-Authenticate").orElse(""));
        assertProblem(
                send(request("/echo")
                        .header("Authorization", "Basic abc")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))),
                401,
                "malformed");
        assertProblem(
                send(request("/echo")
                        .header("Authorization", "Bearer x.y.z")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))),
                401,
                "invalid bearer token");
    }

    @Test
    void roleIsEnforced() throws Exception {
        assertProblem(send(request("/admin").header("Authorization", "Bearer " + token())), 403, "analyst");
        assertEquals(
                200,
                send(request("/admin").header("Authorization", "Bearer " + token("analyst")))
                        .statusCode());
    }

    @Test
    void gzipBodyIsDecoded() throws Exception {
        byte[] data = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = post(gzip(data), "Content-Encoding", "gzip");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(100_000, new JsonObject(response.body()).getInteger("bytes"));
    }

    @Test
    void gzipBombIs413() throws Exception {
        byte[] bomb = gzip(new byte[50 * 1024 * 1024]);
        assertTrue(bomb.length < 64 * 1024);
        assertProblem(post(bomb, "Content-Encoding", "gzip"), 413, "decompressed");
    }

    @Test
    void truncatedOrFakeGzipIs400() throws Exception {
        byte[] full = gzip("{\"a\":1}".repeat(100).getBytes(StandardCharsets.UTF_8));
        assertProblem(post(Arrays.copyOf(full, full.length / 2), "Content-Encoding", "gzip"), 400, "gzip");
        assertProblem(post("not gzip".getBytes(StandardCharsets.UTF_8), "Content-Encoding", "gzip"), 400, "gzip");
    }

    @Test
    void unknownEncodingIs415() throws Exception {
        assertProblem(post("{}".getBytes(StandardCharsets.UTF_8), "Content-Encoding", "br"), 415, "br");
    }

    @Test
    void bodyOverWireLimitIs413() throws Exception {
        assertProblem(post(new byte[65 * 1024]), 413, "exceeds");
    }

    @Test
    void metricsCountRequestsByRouteTemplate() throws Exception {
        send(request("/nope-" + System.nanoTime()));
        String metrics = send(request("/metrics")).body();
        assertTrue(metrics.contains("http_server_requests_seconds_bucket"), metrics);
        assertTrue(metrics.contains("route=\"unmatched\""), metrics);
        assertTrue(metrics.contains("route=\"/health/live\"") || metrics.contains("route=\"/metrics\""), metrics);
    }

    @Test
    void openApiMergesRouteGroups() throws Exception {
        String doc = send(request("/openapi.yaml")).body();
        assertTrue(doc.contains("/echo"), doc);
        assertTrue(doc.contains("/health/ready"), doc);
        assertTrue(doc.contains("Problem"), doc);
    }
}
