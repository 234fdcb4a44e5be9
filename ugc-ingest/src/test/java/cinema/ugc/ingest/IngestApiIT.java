package cinema.ugc.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import cinema.ugc.model.EventCodec;
import cinema.ugc.web.Problems;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ingest API over real HTTP against a real broker: what is accepted lands in the topic intact; every error is a problem. */
class IngestApiIT {
    static TestApi api;

    @BeforeAll
    static void start() throws Exception {
        api = TestApi.shared();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static JsonObject assertProblem(HttpResponse<String> response, int status, String detailFragment) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                Problems.CONTENT_TYPE,
                response.headers().firstValue("Content-Type").orElse(""));
        JsonObject body = new JsonObject(response.body());
        assertEquals(status, body.getInteger("status"));
        assertTrue(body.getString("detail").contains(detailFragment), body.getString("detail"));
        return body;
    }

    static List<String> acceptedIds(HttpResponse<String> response) {
        assertEquals(202, response.statusCode(), response.body());
        return new JsonObject(response.body())
                .getJsonArray("event_ids").stream().map(Object::toString).toList();
    }

    @Test
    void acceptedEventIsInTopicKeyedBySubjectWithAllFields() throws Exception {
        String user = TestApi.newUser();
        String id = UUID.randomUUID().toString();
        Instant t = Instant.parse("2026-01-01T00:00:00Z").plusMillis(123);
        Instant now = Instant.now().minusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String body = new JsonObject()
                .put("event_id", id)
                .put("action", "film_progress")
                .put("film_id", "tt0133093")
                .put("description", "watched a bit")
                .put("event_time", now.toString())
                .put("start_time", "2026-01-01T03:00:00.123+03:00")
                .put("end_time", "2026-01-01T01:00:00Z")
                .put(
                        "properties",
                        new JsonObject()
                                .put("quality", "1080p")
                                .put("volume", 0.5)
                                .put("muted", false))
                .encode();
        HttpResponse<String> response = api.send(api.postJson("/api/v1/events", user, utf8(body)));
        assertEquals(List.of(id), acceptedIds(response));

        List<ConsumerRecord<byte[], byte[]>> records = api.recordsOf(user);
        assertEquals(1, records.size());
        Event event = new EventCodec().decode(records.get(0).value());
        assertEquals(UUID.fromString(id), event.eventId());
        assertEquals(user, event.userId());
        assertEquals(Action.FILM_PROGRESS, event.action());
        assertEquals("tt0133093", event.filmId());
        assertEquals("watched a bit", event.description());
        assertEquals(now, event.eventTime());
        assertEquals(t, event.startTime());
        assertEquals(Instant.parse("2026-01-01T01:00:00Z"), event.endTime());
        assertEquals("1080p", event.properties().get("quality"));
        assertEquals(0.5, ((Number) event.properties().get("volume")).doubleValue());
        assertEquals(false, event.properties().get("muted"));
        assertTrue(Duration.between(event.receivedAt(), Instant.now()).abs().toMinutes() < 5);
        assertTrue(new String(records.get(0).value(), StandardCharsets.UTF_8).contains("\"v\":1"));
    }

    @Test
    void batchIsAcceptedInOrderWithGeneratedIds() throws Exception {
        String user = TestApi.newUser();
        String batch = "[" + TestApi.event("CLICK") + "," + TestApi.event("view") + ","
                + TestApi.event("SEARCH", "properties", "{\"query\":\"matrix\"}") + "]";
        List<String> ids = acceptedIds(api.send(api.postJson("/api/v1/events/batch", user, utf8(batch))));
        assertEquals(3, ids.size());
        List<Event> events = api.recordsOf(user).stream()
                .map(r -> new EventCodec().decode(r.value()))
                .toList();
        assertEquals(ids, events.stream().map(e -> e.eventId().toString()).toList());
        assertEquals(
                List.of(Action.CLICK, Action.VIEW, Action.SEARCH),
                events.stream().map(Event::action).toList());
    }

    @Test
    void gzipBodiesAreAcceptedOnBothEndpoints() throws Exception {
        String user = TestApi.newUser();
        HttpResponse<String> single = api.send(api.postJson("/api/v1/events", user, gzip(utf8(TestApi.event("CLICK"))))
                .header("Content-Encoding", "gzip"));
        assertEquals(1, acceptedIds(single).size());
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            batch.append(i == 0 ? "" : ",").append(TestApi.event("VIEW", "description", "\"" + "d".repeat(500) + "\""));
        }
        byte[] raw = utf8(batch.append(']').toString());
        assertTrue(raw.length > 512 * 1024 && raw.length < 1024 * 1024, "a batch near the 1 MiB limit: " + raw.length);
        HttpResponse<String> many =
                api.send(api.postJson("/api/v1/events/batch", user, gzip(raw)).header("Content-Encoding", "gzip"));
        assertEquals(1000, acceptedIds(many).size());
        assertEquals(1001, api.recordsOf(user).size());
    }

    @Test
    void invalidBatchListsEveryInvalidIndexAndWritesNothing() throws Exception {
        String user = TestApi.newUser();
        String batch = "[" + TestApi.event("CLICK") + "," + TestApi.event("JUMP") + "," + TestApi.event("RATING")
                + ",{\"action\":\"VIEW\",\"event_time\":\"" + Instant.now().plus(Duration.ofHours(1))
                + "\",\"user_id\":\"x\"}]";
        JsonObject problem = assertProblem(
                api.send(api.postJson("/api/v1/events/batch", user, utf8(batch))), 400, "3 of 4 events are invalid");
        JsonArray errors = problem.getJsonArray("errors");
        List<String> seen = new ArrayList<>();
        errors.forEach(e -> seen.add(((JsonObject) e).getInteger("index") + ":" + ((JsonObject) e).getString("field")));
        assertTrue(seen.containsAll(List.of("1:action", "2:film_id", "3:event_time", "3:user_id")), seen.toString());
        assertTrue(seen.stream().noneMatch(s -> s.startsWith("0:")), seen.toString());
        assertEquals(0, api.recordsOf(user).size());
    }

    @Test
    void userIdInBodyIsRejectedSayingWhy() throws Exception {
        JsonObject problem = assertProblem(
                api.send(api.postJson(
                        "/api/v1/events",
                        TestApi.newUser(),
                        utf8(TestApi.event("CLICK", "user_id", "\"someone-else\"")))),
                400,
                "user_id");
        assertTrue(problem.getJsonArray("errors").encode().contains("bearer token"));
    }

    @Test
    void malformedJsonAndWrongShapesAre400() throws Exception {
        String user = TestApi.newUser();
        assertProblem(api.send(api.postJson("/api/v1/events", user, utf8("{\"action\":"))), 400, "malformed JSON");
        assertProblem(
                api.send(api.postJson("/api/v1/events", user, utf8(TestApi.event("CLICK", "action", "\"RATING\"")))),
                400,
                "duplicate key 'action'");
        assertProblem(api.send(api.postJson("/api/v1/events", user, utf8(""))), 400, "empty");
        assertProblem(api.send(api.postJson("/api/v1/events", user, utf8("[1]"))), 400, "JSON object");
        assertProblem(api.send(api.postJson("/api/v1/events/batch", user, utf8(TestApi.event("CLICK")))), 400, "array");
        assertProblem(api.send(api.postJson("/api/v1/events/batch", user, utf8("[]"))), 400, "empty");
        assertProblem(api.send(api.postJson("/api/v1/events", user, utf8("[".repeat(5000)))), 400, "");
    }

    @Test
    void authFailuresAre401() throws Exception {
        byte[] body = utf8(TestApi.event("CLICK"));
        HttpRequest.Builder noToken = api.request("/api/v1/events")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        assertProblem(api.send(noToken), 401, "missing Authorization");
        long now = Instant.now().getEpochSecond();
        String expired =
                api.tokens.sign(Map.of("alg", "HS256"), Map.of("sub", "u", "iat", now - 7200, "exp", now - 3600));
        String noneAlg = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(utf8("{\"alg\":\"none\"}"))
                + "."
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(utf8("{\"sub\":\"u\",\"exp\":" + (now + 600) + "}"))
                + ".";
        String wrongKey = new cinema.ugc.web.TokenIssuer(
                        "some-other-secret-of-at-least-32-bytes!!", "roles", java.time.Clock.systemUTC())
                .issue("u", Duration.ofMinutes(5), List.of());
        for (String token : List.of(expired, noneAlg, wrongKey, "not-a-jwt")) {
            assertProblem(
                    api.send(api.request("/api/v1/events")
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))),
                    401,
                    "invalid bearer token");
        }
    }

    @Test
    void wrongPathMethodTypeEncodingAndSizeAreProblems() throws Exception {
        String user = TestApi.newUser();
        assertProblem(api.send(api.request("/api/v1/nothing")), 404, "/api/v1/nothing");
        assertProblem(api.send(api.request("/api/v1/events")), 405, "GET");
        assertProblem(
                api.send(api.postJson("/api/v1/events", user, utf8(TestApi.event("CLICK")))
                        .setHeader("Content-Type", "text/plain")),
                415,
                "application/json");
        assertProblem(
                api.send(api.postJson("/api/v1/events", user, utf8(TestApi.event("CLICK")))
                        .header("Content-Encoding", "deflate")),
                415,
                "deflate");
        assertProblem(api.send(api.postJson("/api/v1/events/batch", user, new byte[2 * 1024 * 1024])), 413, "exceeds");
        assertProblem(
                api.send(api.postJson("/api/v1/events/batch", user, gzip(new byte[20 * 1024 * 1024]))
                        .header("Content-Encoding", "gzip")),
                413,
                "decompressed");
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{}");
        }
        assertProblem(
                api.send(api.postJson(
                        "/api/v1/events/batch", user, utf8(tooMany.append(']').toString()))),
                413,
                "at most 1000");
        assertEquals(0, api.recordsOf(user).size());
    }

    @Test
    void healthMetricsAndOpenApiAreServed() throws Exception {
        api.send(api.postJson("/api/v1/events", TestApi.newUser(), utf8(TestApi.event("RATING", "film_id", "\"f1\""))));
        assertEquals(200, api.send(api.request("/health/live")).statusCode());
        HttpResponse<String> ready = api.send(api.request("/health/ready"));
        assertEquals(200, ready.statusCode(), ready.body());
        String metrics = api.send(api.request("/metrics")).body();
        assertTrue(metrics.contains("ugc_ingest_events_accepted_total{action=\"RATING\"}"), metrics);
        assertTrue(
                metrics.contains("http_server_requests_seconds_bucket") && metrics.contains("route=\"/api/v1/events\""),
                metrics);
        String openApi = api.send(api.request("/openapi.yaml")).body();
        assertTrue(openApi.contains("/api/v1/events/batch")
                && openApi.contains("EventIn")
                && openApi.contains("/health/ready"));
    }
}
