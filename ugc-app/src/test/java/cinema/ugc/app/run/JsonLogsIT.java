package cinema.ugc.app.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.app.Main;
import cinema.ugc.kafka.internal.Ports;
import cinema.ugc.web.TokenIssuer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code UGC_LOG_FORMAT=json ./ugc run} in a child JVM, fed good and bad requests: every line it logs is one JSON
 * object with time, level, logger and message, and no line carries the JWT secret, a token or an event body.
 */
class JsonLogsIT {
    private static final String SECRET = "json-logs-secret-" + UUID.randomUUID();
    private static final String MARKER = "body-marker-" + UUID.randomUUID();
    private static final TokenIssuer TOKENS = new TokenIssuer(SECRET, "roles", Clock.systemUTC());

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyLineIsAJsonObjectAndNoneCarriesASecretATokenOrAnEventBody(@TempDir Path tmp) throws Exception {
        int port = Ports.free();
        Path err = tmp.resolve("stderr.log");
        Process run = start(tmp, port, err);
        List<String> secrets = new ArrayList<>(List.of(SECRET, MARKER));
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> status(port, "/health/ready") == 200 || !run.isAlive());
            assertTrue(run.isAlive(), () -> "ugc run exited:\n" + read(err));
            secrets.addAll(sendGoodAndBadRequests("http://127.0.0.1:" + port));
        } finally {
            run.destroy(); // SIGTERM: the orderly shutdown logs its steps too
            if (!run.waitFor(60, TimeUnit.SECONDS)) {
                run.destroyForcibly();
            }
        }
        List<String> lines =
                Files.readAllLines(err).stream().filter(l -> !l.isBlank()).toList();
        assertTrue(lines.size() >= 5, "the run logged its start and stop:\n" + lines);
        for (String line : lines) {
            assertIsALogObject(line);
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a log line carries a secret, token or event body: " + line);
            }
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("stopping HTTP server")), "logs reach the shutdown");
    }

    private static Process start(Path tmp, int port, Path err) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-Dugc.log.level=DEBUG",
                        "-cp",
                        absoluteClassPath(),
                        Main.class.getName(),
                        "run")
                .redirectError(err.toFile())
                .redirectOutput(tmp.resolve("stdout.log").toFile());
        builder.environment()
                .putAll(Map.of(
                        "UGC_LOG_FORMAT",
                        "json",
                        "UGC_DATA_DIR",
                        tmp.resolve("data").toString(),
                        "UGC_HTTP_HOST",
                        "127.0.0.1",
                        "UGC_HTTP_PORT",
                        Integer.toString(port),
                        "UGC_KAFKA_PORT",
                        "0",
                        "UGC_KAFKA_PARTITIONS",
                        "2",
                        "UGC_JWT_SECRET",
                        SECRET));
        return builder.start();
    }

    /** Sends what could leak: tokens good, expired and forged, event bodies valid and not; returns the tokens. */
    private List<String> sendGoodAndBadRequests(String base) throws Exception {
        String good = TOKENS.issue("json-logs-user", Duration.ofMinutes(5), List.of("analyst"));
        String expired = new TokenIssuer(SECRET, "roles", Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)))
                .issue("json-logs-user", Duration.ofMinutes(5), List.of());
        String forged = new TokenIssuer("another-secret-" + MARKER, "roles", Clock.systemUTC())
                .issue("json-logs-user", Duration.ofMinutes(5), List.of());
        JsonObject event = new JsonObject()
                .put("event_id", UUID.randomUUID().toString())
                .put("action", "SEARCH")
                .put("event_time", Instant.now().toString())
                .put("description", MARKER);
        assertEquals(202, post(base + "/api/v1/events", good, event.encode()));
        assertEquals(
                202,
                post(
                        base + "/api/v1/events/batch",
                        good,
                        new JsonArray()
                                .add(event.copy()
                                        .put("event_id", UUID.randomUUID().toString()))
                                .encode()));
        assertEquals(401, post(base + "/api/v1/events", expired, event.encode()));
        assertEquals(401, post(base + "/api/v1/events", forged, event.encode()));
        assertEquals(401, post(base + "/api/v1/events", "garbage." + MARKER, event.encode()));
        assertEquals(400, post(base + "/api/v1/events", good, "{\"action\": \"" + MARKER + "\", broken"));
        assertEquals(
                400,
                post(
                        base + "/api/v1/events",
                        good,
                        event.copy().put("event_time", MARKER).encode()));
        assertEquals(200, get(base + "/api/v1/me/events?limit=5", good));
        return List.of(good, expired, forged, signature(good));
    }

    private static String signature(String jwt) {
        return jwt.substring(jwt.lastIndexOf('.') + 1);
    }

    private int post(String url, String token, String body) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private int get(String url, String token) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private int status(int port, String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void assertIsALogObject(String line) {
        JsonObject json;
        try {
            json = new JsonObject(line);
        } catch (RuntimeException e) {
            throw new AssertionError("not one JSON object: " + line, e);
        }
        for (String field : List.of("time", "level", "logger", "message")) {
            assertTrue(json.containsKey(field), "no " + field + " in " + line);
        }
        Instant.parse(json.getString("time"));
    }

    private static String absoluteClassPath() {
        return String.join(
                File.pathSeparator,
                java.util.Arrays.stream(System.getProperty("java.class.path")
                                .split(java.util.regex.Pattern.quote(File.pathSeparator)))
                        .map(p -> Path.of(p).toAbsolutePath().toString())
                        .toList());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
