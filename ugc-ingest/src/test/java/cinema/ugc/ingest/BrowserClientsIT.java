package cinema.ugc.ingest;

import static cinema.ugc.ingest.IngestApiIT.acceptedIds;
import static cinema.ugc.ingest.IngestApiIT.assertProblem;
import static cinema.ugc.ingest.IngestApiIT.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.web.CorsSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What browsers need from the API, over real HTTP against a real broker: CORS for the allowed origins only, the
 * beacon endpoint (token in the body), the per-user rate limit, and the SDK file. The API allows one origin and
 * 5 events/s per user (a burst of 50).
 */
class BrowserClientsIT {
    static final String ALLOWED = "https://cinema.example";
    static final String OTHER = "https://evil.example";
    static TestApi api;

    @BeforeAll
    static void start() throws Exception {
        api = new TestApi(IngestSettings.defaults(), new CorsSettings(List.of(ALLOWED)), new RateLimitSettings(5));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static HttpRequest.Builder preflight(String path, String origin) {
        return api.request(path)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,content-encoding")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithoutAToken() throws Exception {
        for (String path : List.of(IngestRoutes.SINGLE, IngestRoutes.BATCH, IngestRoutes.BEACON, "/api/v1/me/events")) {
            HttpResponse<String> r = api.send(preflight(path, ALLOWED));
            assertEquals(204, r.statusCode(), path + ": " + r.body());
            assertEquals(ALLOWED, header(r, "Access-Control-Allow-Origin"));
            assertTrue(header(r, "Access-Control-Allow-Methods").contains("POST"));
            assertTrue(header(r, "Access-Control-Allow-Methods").contains("DELETE"), "clearing one's history");
            String allowed = header(r, "Access-Control-Allow-Headers").toLowerCase(Locale.ROOT);
            for (String h : List.of("authorization", "content-type", "content-encoding")) {
                assertTrue(allowed.contains(h), allowed);
            }
            assertTrue(Integer.parseInt(header(r, "Access-Control-Max-Age")) >= 600);
            assertTrue(
                    r.headers().allValues("Vary").toString().contains("Origin"),
                    r.headers().map().toString());
        }
    }

    @Test
    void answersToAnAllowedOriginCarryTheCorsHeadersErrorsIncluded() throws Exception {
        String user = TestApi.newUser();
        HttpResponse<String> ok = api.send(api.postJson(IngestRoutes.SINGLE, user, utf8(TestApi.event("CLICK")))
                .header("Origin", ALLOWED));
        assertEquals(1, acceptedIds(ok).size());
        assertEquals(ALLOWED, header(ok, "Access-Control-Allow-Origin"));
        assertTrue(header(ok, "Access-Control-Expose-Headers").contains("Retry-After"));
        assertTrue(ok.headers().allValues("Vary").toString().contains("Origin"));

        HttpResponse<String> unauthorized = api.send(api.request(IngestRoutes.BATCH)
                .header("Origin", ALLOWED)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[]")));
        assertProblem(unauthorized, 401, "Authorization");
        assertEquals(ALLOWED, header(unauthorized, "Access-Control-Allow-Origin"), "the SDK must read its 401s");
    }

    @Test
    void anOriginNotOnTheListGetsNoCorsHeadersNothingIsWrittenAndItIsCounted() throws Exception {
        double before = refused();
        HttpResponse<String> pre = api.send(preflight(IngestRoutes.BATCH, OTHER));
        assertEquals(403, pre.statusCode());
        assertEquals(null, header(pre, "Access-Control-Allow-Origin"));

        String user = TestApi.newUser();
        HttpResponse<String> post =
                api.send(api.postJson(IngestRoutes.BATCH, user, utf8("[" + TestApi.event("CLICK") + "]"))
                        .header("Origin", OTHER));
        assertProblem(post, 403, OTHER);
        assertEquals(null, header(post, "Access-Control-Allow-Origin"));
        HttpResponse<String> beacon = api.send(
                beacon(api.token(user), "[" + TestApi.event("VIEW") + "]").header("Origin", OTHER));
        assertEquals(403, beacon.statusCode());
        assertEquals(List.of(), api.recordsOf(user));
        assertEquals(before + 3, refused());
    }

    @Test
    void aRequestFromTheApisOwnOriginIsNotCrossOrigin() throws Exception {
        String self = "http://127.0.0.1:" + api.server.port();
        HttpResponse<String> r =
                api.send(api.postJson(IngestRoutes.SINGLE, TestApi.newUser(), utf8(TestApi.event("VIEW")))
                        .header("Origin", self));
        assertEquals(1, acceptedIds(r).size(), "the dashboard's own page may post");
        assertEquals(null, header(r, "Access-Control-Allow-Origin"));
    }

    @Test
    void metricsAndHealthNeverAnswerCrossOrigin() throws Exception {
        for (String path : List.of("/metrics", "/health/live", "/health/ready", "/openapi.yaml")) {
            HttpResponse<String> r = api.send(api.request(path).header("Origin", ALLOWED));
            assertEquals(null, header(r, "Access-Control-Allow-Origin"), path);
            HttpResponse<String> pre = api.send(preflight(path, ALLOWED));
            assertEquals(null, header(pre, "Access-Control-Allow-Origin"), path);
        }
    }

    private static double refused() throws Exception {
        return metric("ugc_http_cors_refused_total");
    }

    static double metric(String line) throws Exception {
        String scrape = api.send(api.request("/metrics")).body();
        return scrape.lines()
                .filter(l -> l.startsWith(line + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static HttpRequest.Builder beacon(String token, String events) {
        return beaconBody(
                new JsonObject()
                        .put("token", token)
                        .put("events", new JsonArray(events))
                        .encode(),
                "text/plain;charset=UTF-8");
    }

    private static HttpRequest.Builder beaconBody(String body, String type) {
        return api.request(IngestRoutes.BEACON)
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void aBeaconCarriesItsTokenInTheBodyAsTextPlainOrJson() throws Exception {
        String user = TestApi.newUser();
        String events = "[" + TestApi.event("FILM_PROGRESS", "film_id", "\"tt1\"") + "," + TestApi.event("VIEW") + "]";
        HttpResponse<String> text = api.send(beacon(api.token(user), events).header("Origin", ALLOWED));
        assertEquals(2, acceptedIds(text).size());
        assertEquals(ALLOWED, header(text, "Access-Control-Allow-Origin"));
        String json = new JsonObject()
                .put("token", api.token(user))
                .put("events", new JsonArray(events))
                .encode();
        assertEquals(
                2, acceptedIds(api.send(beaconBody(json, "application/json"))).size());
        assertEquals(4, api.recordsOf(user).size(), "keyed by the token's subject");
    }

    @Test
    void aBeaconWithABadOrMissingTokenIsA401AndWritesNothing() throws Exception {
        String events = "[" + TestApi.event("VIEW") + "]";
        assertProblem(api.send(beacon("not-a-jwt", events)), 401, "token");
        assertProblem(
                api.send(beaconBody(
                        new JsonObject().put("events", new JsonArray(events)).encode(), "text/plain")),
                401,
                "no token");
        String forged = new cinema.ugc.web.TokenIssuer(
                        "another-secret-of-at-least-32-bytes!!", "roles", java.time.Clock.systemUTC())
                .issue("mallory", java.time.Duration.ofMinutes(5), List.of());
        assertProblem(api.send(beacon(forged, events)), 401, "");
        assertEquals(List.of(), api.recordsOf("mallory"));
    }

    @Test
    void aBeaconOver64KibIsA413() throws Exception {
        String user = TestApi.newUser();
        StringBuilder events = new StringBuilder("[");
        for (int i = 0; i < 80; i++) {
            events.append(i == 0 ? "" : ",")
                    .append(TestApi.event("VIEW", "description", "\"" + "d".repeat(900) + "\""));
        }
        String body = new JsonObject()
                .put("token", api.token(user))
                .put("events", new JsonArray(events + "]"))
                .encode();
        assertTrue(body.length() > 64 * 1024 && body.length() < 128 * 1024);
        assertProblem(api.send(beaconBody(body, "text/plain")), 413, "65536");
        assertProblem(
                api.send(beaconBody(body, "text/plain")
                        .header("Content-Encoding", "gzip")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(utf8(body))))),
                413,
                "65536");
        assertEquals(List.of(), api.recordsOf(user));
    }

    @Test
    void aBeaconWithInvalidEventsIsA400NamingTheIndexAndWritesNothing() throws Exception {
        String user = TestApi.newUser();
        String events = "[" + TestApi.event("VIEW") + "," + TestApi.event("FILM_PROGRESS") + "]";
        JsonObject problem = assertProblem(api.send(beacon(api.token(user), events)), 400, "[1].film_id");
        assertEquals(1, problem.getJsonArray("errors").getJsonObject(0).getInteger("index"));
        assertEquals(List.of(), api.recordsOf(user));
        assertProblem(
                api.send(beaconBody("{\"token\":\"" + api.token(user) + "\",\"events\":[],\"x\":1}", "text/plain")),
                400,
                "unknown field 'x'");
        assertProblem(api.send(beaconBody("[1,2]", "text/plain")), 400, "JSON object");
        assertProblem(api.send(beaconBody("{}", "application/x-www-form-urlencoded")), 415, "text/plain");
    }

    @Test
    void thePlainEndpointsStillRefuseTextPlain() throws Exception {
        HttpResponse<String> r = api.send(api.request(IngestRoutes.BATCH)
                .header("Authorization", "Bearer " + api.token(TestApi.newUser()))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("[" + TestApi.event("VIEW") + "]")));
        assertProblem(r, 415, "application/json");
    }

    @Test
    void aUserOverTheRateLimitGets429WithRetryAfterAndNothingOfThatRequestIsWritten() throws Exception {
        String user = TestApi.newUser();
        double before = metric("ugc_ingest_rate_limited_total{route=\"/api/v1/events/batch\"}");
        assertEquals(
                50,
                acceptedIds(api.send(api.postJson(IngestRoutes.BATCH, user, views(50))))
                        .size());
        HttpResponse<String> limited =
                api.send(api.postJson(IngestRoutes.BATCH, user, views(40)).header("Origin", ALLOWED));
        assertProblem(limited, 429, "5 events/s");
        assertTrue(Integer.parseInt(header(limited, "Retry-After")) >= 1);
        assertEquals(ALLOWED, header(limited, "Access-Control-Allow-Origin"));
        HttpResponse<String> beacon = api.send(beacon(api.token(user), new String(views(40))));
        assertEquals(429, beacon.statusCode());
        assertEquals(50, api.recordsOf(user).size());
        assertEquals(before + 1, metric("ugc_ingest_rate_limited_total{route=\"/api/v1/events/batch\"}"));
        assertEquals(1, metric("ugc_ingest_rate_limited_total{route=\"/api/v1/events/beacon\"}"));
        assertEquals(
                1,
                acceptedIds(api.send(api.postJson(IngestRoutes.SINGLE, TestApi.newUser(), utf8(TestApi.event("VIEW")))))
                        .size(),
                "another user is not limited");
    }

    @Test
    void theSdkIsServedSmallCachedAndLoadableFromAnyOrigin() throws Exception {
        for (String path : List.of(SdkRoutes.SCRIPT, SdkRoutes.MODULE)) {
            HttpResponse<byte[]> r = api.http.send(
                    api.request(path).header("Origin", OTHER).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertTrue(header(r, "Content-Type").startsWith("text/javascript"));
            assertTrue(header(r, "Cache-Control").contains("max-age=86400"));
            assertEquals("*", header(r, "Access-Control-Allow-Origin"));
            HttpResponse<String> again = api.send(api.request(path).header("If-None-Match", header(r, "ETag")));
            assertEquals(304, again.statusCode());
            if (path.equals(SdkRoutes.SCRIPT)) {
                int gzipped = gzip(r.body()).length;
                assertTrue(gzipped <= 10 * 1024, "ugc.js is " + gzipped + " bytes gzipped");
                assertFalse(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8).contains("export "));
            }
        }
    }

    private static byte[] views(int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(TestApi.event("VIEW"));
        }
        return utf8(b.append(']').toString());
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
