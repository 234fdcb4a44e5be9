package cinema.ugc.app.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.app.Service;
import cinema.ugc.model.Event;
import cinema.ugc.ops.servers.ClickHouseServer;
import cinema.ugc.ops.servers.PostgresServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure through the real HTTP API with the real broker and three stores: the shared assembly's DuckDB, and a
 * ClickHouse 18.16 and a PostgreSQL 15 assembly whose ETLs read the same topics in their own consumer groups. Load
 * for the erased user and others runs across the erasure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPipelineExtension.class)
class ErasureIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private final HttpClient http = HttpClient.newHttpClient();
    private Service duck;
    private Service house;
    private Service postgres;
    private ClickHouseServer clickhouse;
    private PostgresServer pg;
    private String base;

    @BeforeAll
    void start(Service shared, @TempDir Path tmp) throws Exception {
        duck = shared;
        base = "http://127.0.0.1:" + duck.httpPort();
        clickhouse = ClickHouseServer.start(tmp);
        pg = PostgresServer.start(tmp);
        house = TestPipelines.start(TestPipelines.settings(
                Files.createDirectories(tmp.resolve("ch-run")),
                Map.of(
                        "UGC_KAFKA_BOOTSTRAP",
                        shared.bootstrapServers(),
                        "UGC_STORE",
                        "clickhouse",
                        "UGC_CLICKHOUSE_URL",
                        clickhouse.httpUrl(),
                        "UGC_CLICKHOUSE_DATABASE",
                        "erasure",
                        "UGC_ETL_GROUP",
                        "ugc-etl-erasure-clickhouse")));
        postgres = TestPipelines.start(TestPipelines.settings(
                Files.createDirectories(tmp.resolve("pg-run")),
                Map.of(
                        "UGC_KAFKA_BOOTSTRAP",
                        shared.bootstrapServers(),
                        "UGC_STORE",
                        "postgres",
                        "UGC_POSTGRES_URL",
                        pg.jdbcUrl(),
                        "UGC_ETL_GROUP",
                        "ugc-etl-erasure-postgres",
                        "UGC_ETL_RETRY_MAX",
                        "1s")));
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {postgres, house, pg, clickhouse}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // best effort: the others still close
            }
        }
    }

    @Test
    void anErasedUsersEarlierEventsAreGoneFromEveryStoreWhileOthersStayExact() throws Exception {
        String erased = "erase-a-" + UUID.randomUUID();
        List<String> others = List.of("erase-b-" + UUID.randomUUID(), "erase-c-" + UUID.randomUUID());
        Load load = new Load(new ArrayList<>(List.of(erased, others.get(0), others.get(1))));
        Thread loader = new Thread(load::run, "erasure-load");
        loader.start();
        try {
            for (Service p : stores()) {
                await().atMost(WAIT).until(() -> !events(p, erased).isEmpty());
            }
            HttpResponse<String> accepted = send("DELETE", "/api/v1/me/events", TestPipelines.token(erased));
            assertEquals(202, accepted.statusCode(), accepted.body());
            long answered = System.nanoTime();
            String location = accepted.headers().firstValue("Location").orElseThrow();
            JsonObject body = new JsonObject(accepted.body());
            assertEquals("pending", body.getString("state"));
            assertEquals(location, "/api/v1/erasures/" + body.getString("erasure_id"));
            Instant erasedBefore = Instant.parse(body.getString("erased_before"));
            await().atMost(WAIT).until(() -> load.startedAfter(erased, answered).size() >= 20);
            load.stop();
            loader.join();
            Set<String> sentAfter = load.startedAfter(erased, answered);

            JsonObject done = awaitDone(location, TestPipelines.token(erased), 3);
            for (Service p : stores()) {
                for (String other : others) {
                    await().atMost(WAIT).until(() -> events(p, other).size() == load.count(other));
                    assertEquals(
                            load.ids(other), ids(events(p, other)), p.store().describe());
                }
                await().atMost(WAIT).until(() -> ids(events(p, erased)).containsAll(sentAfter));
                List<Event> left = events(p, erased);
                assertTrue(load.ids(erased).containsAll(ids(left)));
                left.forEach(e -> assertTrue(
                        e.receivedAt().isAfter(erasedBefore), p.store().describe() + " kept an erased event " + e));
                assertTrue(
                        left.size() < load.count(erased),
                        "something was erased on " + p.store().describe());
            }
            assertEquals(3, done.getJsonObject("rows_removed").size(), done.encode());
        } finally {
            load.stop();
            loader.join();
        }
    }

    @Test
    void anErasureWaitsWhileItsStoreIsDownAndCompletesWhenItIsBack() throws Exception {
        String user = "erase-outage-" + UUID.randomUUID();
        post(user, 20);
        await().atMost(WAIT).until(() -> events(postgres, user).size() == 20);
        pg.stop();
        String location;
        try {
            HttpResponse<String> accepted =
                    send("DELETE", "/api/v1/users/" + user + "/events", TestPipelines.token("operator-1", "privacy"));
            assertEquals(202, accepted.statusCode(), accepted.body());
            location = accepted.headers().firstValue("Location").orElseThrow();
            String operator = TestPipelines.token("operator-1", "privacy");
            await().atMost(WAIT)
                    .until(() ->
                            events(duck, user).isEmpty() && events(house, user).isEmpty());
            // DuckDB and ClickHouse report done; PostgreSQL's ETL reports its failed attempt and keeps the whole
            // erasure pending, with PostgreSQL named in the reason
            JsonObject waiting = await().atMost(WAIT)
                    .until(
                            () -> status(location, operator),
                            s -> s.getJsonObject("rows_removed").size() == 2
                                    && s.getString("reason", "").startsWith("PostgreSQL"));
            assertEquals("pending", waiting.getString("state"), waiting.encode());
        } finally {
            pg.restart();
        }
        JsonObject done = awaitDone(location, TestPipelines.token("privacy-reader", "privacy"), 3);
        assertEquals(
                20L,
                done.getJsonObject("rows_removed").stream()
                                        .filter(e -> e.getKey().startsWith("PostgreSQL"))
                                        .findFirst()
                                        .orElseThrow()
                                        .getValue()
                                instanceof Number n
                        ? n.longValue()
                        : -1L);
        await().atMost(WAIT).until(() -> events(postgres, user).isEmpty());
    }

    @Test
    void onlyTheRequesterOrThePrivacyRoleMayEraseOrRead() throws Exception {
        String alice = "erase-alice-" + UUID.randomUUID();
        assertEquals(401, send("DELETE", "/api/v1/me/events", null).statusCode());
        HttpResponse<String> forbidden =
                send("DELETE", "/api/v1/users/" + alice + "/events", TestPipelines.token("bob", "analyst"));
        assertEquals(403, forbidden.statusCode());
        assertProblem(forbidden, "privacy");
        String operator = TestPipelines.token("op", "privacy");
        HttpResponse<String> badId = send("DELETE", "/api/v1/users/%20spaced%20/events", operator);
        assertEquals(400, badId.statusCode(), badId.body());
        assertProblem(badId, "user_id");
        assertEquals(
                400,
                send("DELETE", "/api/v1/users/" + "x".repeat(257) + "/events", operator)
                        .statusCode());
        HttpResponse<String> badErasure = send("GET", "/api/v1/erasures/not-a-uuid", operator);
        assertEquals(400, badErasure.statusCode());
        assertProblem(badErasure, "erasure_id");
        assertEquals(
                404,
                send("GET", "/api/v1/erasures/" + UUID.randomUUID(), operator).statusCode());

        HttpResponse<String> own = send("DELETE", "/api/v1/me/events", TestPipelines.token(alice));
        assertEquals(202, own.statusCode());
        String location = own.headers().firstValue("Location").orElseThrow();
        assertEquals(200, send("GET", location, TestPipelines.token(alice)).statusCode());
        assertEquals(200, send("GET", location, operator).statusCode());
        HttpResponse<String> stranger = send("GET", location, TestPipelines.token("mallory"));
        assertEquals(403, stranger.statusCode());
        assertProblem(stranger, "requester");

        HttpResponse<String> byOperator = send("DELETE", "/api/v1/users/" + alice + "/events", operator);
        assertEquals(202, byOperator.statusCode());
        JsonObject record = new JsonObject(byOperator.body());
        assertEquals(alice, record.getString("user_id"));
        assertEquals("op", record.getString("requester"));
        String opLocation = byOperator.headers().firstValue("Location").orElseThrow();
        assertEquals(
                403,
                send("GET", opLocation, TestPipelines.token(alice)).statusCode(),
                "the erased user did not ask for this one");
    }

    private void assertProblem(HttpResponse<String> response, String mentions) {
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(new JsonObject(response.body()).getString("detail").contains(mentions), response.body());
    }

    private List<Service> stores() {
        return List.of(duck, house, postgres);
    }

    private JsonObject awaitDone(String location, String token, int stores) {
        return await().atMost(WAIT)
                .until(
                        () -> status(location, token),
                        s -> "done".equals(s.getString("state"))
                                && s.getJsonObject("rows_removed").size() == stores);
    }

    private JsonObject status(String location, String token) throws Exception {
        HttpResponse<String> r = send("GET", location, token);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static List<Event> events(Service p, String user) {
        return p.store().queries().userEvents(user, Instant.now().plusSeconds(3600), 100_000);
    }

    private static Set<String> ids(List<Event> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.eventId().toString()));
        return ids;
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void post(String user, int count) throws Exception {
        new ApiClient(duck.httpPort()).postBatch(TestPipelines.token(user), batch(count));
    }

    private static JsonArray batch(int count) {
        JsonArray events = new JsonArray();
        Instant t = Instant.now().minusSeconds(60);
        for (int i = 0; i < count; i++) {
            events.add(new JsonObject()
                    .put("event_id", UUID.randomUUID().toString())
                    .put("action", "FILM_PROGRESS")
                    .put("film_id", "tt-erasure")
                    .put("event_time", t.plusMillis(i).toString()));
        }
        return events;
    }

    /** Posts batches of 5 events for each user in turn until stopped, remembering what the API accepted and when. */
    private final class Load {
        private final List<String> users;
        private final Map<String, Map<String, Long>> accepted = new ConcurrentHashMap<>(); // user → id → POST start
        private final AtomicBoolean stopped = new AtomicBoolean();

        Load(List<String> users) {
            this.users = users;
            users.forEach(u -> accepted.put(u, new ConcurrentHashMap<>()));
        }

        void run() {
            ApiClient api = new ApiClient(duck.httpPort());
            try {
                while (!stopped.get()) {
                    for (String user : users) {
                        long started = System.nanoTime();
                        JsonArray ids = api.postBatch(TestPipelines.token(user), batch(5));
                        ids.forEach(id -> accepted.get(user).put((String) id, started));
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Ids of the user's events whose POST started after {@code nanos}: received after that instant. */
        Set<String> startedAfter(String user, long nanos) {
            Set<String> ids = new HashSet<>();
            accepted.get(user).forEach((id, started) -> {
                if (started - nanos > 0) {
                    ids.add(id);
                }
            });
            return ids;
        }

        Set<String> ids(String user) {
            return Set.copyOf(accepted.get(user).keySet());
        }

        int count(String user) {
            return accepted.get(user).size();
        }

        void stop() {
            stopped.set(true);
        }
    }
}
