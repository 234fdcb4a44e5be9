package cinema.ugc.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A few thousand malformed requests (random bytes, truncated JSON and gzip, deep nesting, huge strings, wrong types,
 * invalid UTF-8, garbage headers and tokens): every answer is a 4xx problem, and the server still accepts valid events.
 * Seeded, so a failure reproduces.
 */
class FuzzIT {
    static final int REQUESTS = 3000;
    static TestApi api;
    final Random random = new Random(20261128L);
    final String user = TestApi.newUser();

    @BeforeAll
    static void start() throws Exception {
        api = TestApi.shared();
    }

    record Case(String name, HttpRequest.Builder request) {}

    @Test
    void malformedInputOnlyEverYields4xxAndTheServerStaysUsable() throws Exception {
        List<Supplier<Case>> generators = List.of(
                this::randomBytes,
                this::truncatedJson,
                this::truncatedGzip,
                this::deepNesting,
                this::hugeString,
                this::wrongTypes,
                this::invalidUtf8,
                this::garbageHeaders,
                this::garbageToken,
                this::randomBatch);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Case c = generators.get(i % generators.size()).get();
            HttpResponse<String> response = api.send(c.request());
            if (response.statusCode() < 400
                    || response.statusCode() > 499
                    || !response.body().contains("\"detail\"")) {
                failures.add(c.name() + " -> " + response.statusCode() + " " + abbreviate(response.body()));
            }
        }
        assertTrue(
                failures.isEmpty(),
                failures.size() + " non-4xx answers, e.g. " + failures.subList(0, Math.min(5, failures.size())));
        HttpResponse<String> valid = api.send(api.postJson("/api/v1/events", user, utf8(TestApi.event("CLICK"))));
        assertEquals(202, valid.statusCode(), valid.body());
        assertEquals(200, api.send(api.request("/health/ready")).statusCode());
    }

    private HttpRequest.Builder post(byte[] body) {
        String path = random.nextBoolean() ? "/api/v1/events" : "/api/v1/events/batch";
        return api.postJson(path, user, body);
    }

    private Case randomBytes() {
        byte[] body = new byte[random.nextInt(4096)];
        random.nextBytes(body);
        return new Case("random bytes", post(body));
    }

    private Case truncatedJson() {
        String json = validEvent();
        return new Case("truncated json", post(utf8(json.substring(0, random.nextInt(json.length() - 1)))));
    }

    private Case truncatedGzip() {
        byte[] gz = gzip(utf8(validEvent()));
        byte[] cut = Arrays.copyOf(gz, random.nextInt(gz.length - 1));
        return new Case("truncated gzip", post(cut).header("Content-Encoding", "gzip"));
    }

    private Case deepNesting() {
        int depth = 30 + random.nextInt(100_000);
        String open = random.nextBoolean() ? "[" : "{\"properties\":";
        return new Case("nesting " + depth, post(utf8(open.repeat(depth))));
    }

    private Case hugeString() {
        String field = List.of("description", "film_id", "action", "event_id", "event_time")
                .get(random.nextInt(5));
        String huge = "\"" + "x".repeat(2_000 + random.nextInt(random.nextInt(10) == 0 ? 900_000 : 50_000)) + "\"";
        return new Case(
                "huge " + field,
                post(utf8(TestApi.event("RATING", "film_id", "\"f\"")
                        .replaceFirst("}$", ",\"" + field + "\":" + huge + "}")
                        .replace("\"action\":\"RATING\",", field.equals("action") ? "" : "\"action\":\"RATING\","))));
    }

    private Case wrongTypes() {
        String[] values = {"1", "true", "null", "[]", "{}", "-1e309", "\"\"", "\"  \"", "[{}]", "{\"a\":{}}", "1.5"};
        String[] fields = {"action", "event_time", "film_id", "event_id", "properties", "start_time", "description"};
        String field = fields[random.nextInt(fields.length)];
        String value = values[random.nextInt(values.length)];
        if (field.equals("description") && value.startsWith("\"")) {
            value = "[\"x\"]";
        }
        if (value.equals("null") && !field.equals("action") && !field.equals("event_time")) {
            value = "1"; // null is how a client leaves an optional field out: valid
        }
        String json = "{\"action\":\"RATING\",\"film_id\":\"f\",\"event_time\":\"" + java.time.Instant.now() + "\"}";
        json = json.replaceFirst("\"" + field + "\":(\"[^\"]*\")?,?", "")
                .replaceFirst("}$", (json.length() > 2 ? "," : "") + "\"" + field + "\":" + value + "}")
                .replace("{,", "{")
                .replace(",,", ",");
        if (field.equals("properties") && value.equals("{}")) {
            json = json.replace("\"action\":\"RATING\"", "\"action\":\"NOPE\"");
        }
        return new Case("wrong type " + field + "=" + value + " in " + json, post(utf8(json)));
    }

    private Case invalidUtf8() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("{\"action\":\"CLICK\",\"description\":\""));
        out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE});
        out.writeBytes(utf8("\",\"event_time\":\"" + java.time.Instant.now() + "\"}"));
        return new Case("invalid utf-8", post(out.toByteArray()));
    }

    private Case garbageHeaders() {
        String[] types = {
            "text/plain", "application/xml", "json", "application/json-patch+json", "", "*/*", "multipart/form-data"
        };
        String[] encodings = {"br", "deflate", "compress", "gzip, gzip", "zstd", "identity;q=0"};
        HttpRequest.Builder request = post(utf8(validEvent()));
        if (random.nextBoolean()) {
            request.setHeader("Content-Type", types[random.nextInt(types.length)] + printable(random.nextInt(4)));
        } else {
            request.header("Content-Encoding", encodings[random.nextInt(encodings.length)]);
        }
        return new Case("garbage headers", request);
    }

    private Case garbageToken() {
        String[] prefixes = {"Bearer ", "bearer ", "Basic ", "Bearer", "", "Token "};
        String token = prefixes[random.nextInt(prefixes.length)] + printable(random.nextInt(300));
        return new Case(
                "garbage token",
                api.request("/api/v1/events")
                        .header("Content-Type", "application/json")
                        .setHeader("Authorization", token.isBlank() ? "x" : token)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(utf8(validEvent()))));
    }

    private Case randomBatch() {
        StringBuilder batch = new StringBuilder("[");
        int n = 1 + random.nextInt(50);
        int bad = random.nextInt(n);
        for (int i = 0; i < n; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append(
                            i == bad
                                    ? "{\"action\":\""
                                            + printable(8).replace("\"", "'").replace("\\", "/") + "\"}"
                                    : validEvent());
        }
        return new Case(
                "batch with a bad event",
                api.postJson(
                        "/api/v1/events/batch", user, utf8(batch.append(']').toString())));
    }

    private String validEvent() {
        return TestApi.event(
                "FILM_PROGRESS", "film_id", "\"film-" + random.nextInt(100) + "\"", "properties", "{\"q\":\"720p\"}");
    }

    private String printable(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append((char) (0x21 + random.nextInt(0x7e - 0x21)));
        }
        return s.toString();
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
