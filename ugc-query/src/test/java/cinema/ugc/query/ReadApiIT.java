package cinema.ugc.query;

import static cinema.ugc.query.ReadApiServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import cinema.ugc.store.duckdb.DuckDbStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every read endpoint over real HTTP against a real DuckDB store, with its 200s and its 400/401/403/404s. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadApiIT {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    private ReadApiServer api;
    private String alice;
    private String analyst;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        api = new ReadApiServer(DuckDbStore.open(dir.resolve("read.duckdb")));
        alice = api.token("alice");
        analyst = api.token("ann", "analyst");
        List<Event> events = new ArrayList<>();
        events.add(progress("alice", "f1", 1, 0, 600));
        events.add(progress("alice", "f1", 2, 600, 1500)); // the latest: where alice stopped
        events.add(progress("bob", "f1", 3, 0, 3000));
        events.add(event("bob", Action.FILM_FINISHED, "f1", 4));
        events.add(event("carol", Action.VIEW, "f1", 5));
        events.add(event("carol", Action.VIEW, "f2", 6));
        events.add(event("bob", Action.VIEW, "f1", 7));
        events.add(event("alice", Action.VIEW, "f1", 8));
        for (int i = 0; i < 5; i++) {
            events.add(event("alice", Action.CLICK, null, 9)); // five in one millisecond: paging must not lose any
        }
        api.write(events);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void progressIsTheEndOfTheLatestWatchedInterval() throws Exception {
        HttpResponse<String> r = api.get("/api/v1/me/progress/f1", alice);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = json(r);
        assertEquals("f1", body.getString("film_id"));
        assertEquals(NOW.plusSeconds(1500).toString(), body.getString("position"));
    }

    @Test
    void progressOfAFilmNeverWatchedIs404() throws Exception {
        assertProblem(api.get("/api/v1/me/progress/f2", alice), 404, null);
        assertProblem(api.get("/api/v1/me/progress/f1", api.token("dave")), 404, null);
    }

    @Test
    void meNeedsAValidToken() throws Exception {
        assertProblem(api.get("/api/v1/me/progress/f1", null), 401, null);
        assertProblem(api.get("/api/v1/me/events", "not.a.jwt"), 401, null);
        assertProblem(api.get("/api/v1/me/events", alice.substring(0, alice.length() - 2) + "xx"), 401, null);
    }

    @Test
    void eventsComeNewestFirstInPagesThatLoseNothing() throws Exception {
        List<JsonObject> seen = new ArrayList<>();
        String next = "/api/v1/me/events?limit=2";
        int pages = 0;
        while (next != null) {
            JsonObject page = json(ok(api.get(next, alice)));
            page.getJsonArray("events").forEach(e -> seen.add((JsonObject) e));
            next = page.getString("next");
            pages++;
        }
        assertEquals(8, seen.size());
        assertEquals(4, pages);
        assertEquals(
                8, seen.stream().map(e -> e.getString("event_id")).distinct().count());
        assertTrue(seen.stream().allMatch(e -> e.getString("user_id").equals("alice")), "only the caller's events");
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i - 1)
                            .getString("event_time")
                            .compareTo(seen.get(i).getString("event_time"))
                    >= 0);
        }
        assertEquals("FILM_PROGRESS", seen.get(seen.size() - 1).getString("action"));
    }

    @Test
    void eventsFilteredByActionAndFilmKeepTheFilterAcrossPages() throws Exception {
        List<JsonObject> seen = new ArrayList<>();
        String next = "/api/v1/me/events?limit=1&film_id=f1";
        while (next != null) {
            JsonObject page = json(ok(api.get(next, alice)));
            page.getJsonArray("events").forEach(e -> seen.add((JsonObject) e));
            next = page.getString("next");
            assertTrue(next == null || next.contains("film_id=f1"), next);
        }
        assertEquals(
                List.of("VIEW", "FILM_PROGRESS", "FILM_PROGRESS"),
                seen.stream().map(e -> e.getString("action")).toList());
        assertTrue(seen.stream()
                .allMatch(e -> e.getString("film_id").equals("f1")
                        && e.getString("user_id").equals("alice")));

        JsonArray progress = json(ok(api.get("/api/v1/me/events?action=film_progress&film_id=f1", alice)))
                .getJsonArray("events");
        assertEquals(2, progress.size());
        assertEquals(NOW.plusSeconds(2).toString(), progress.getJsonObject(0).getString("event_time"));
        assertEquals(
                5,
                json(ok(api.get("/api/v1/me/events?action=CLICK", alice)))
                        .getJsonArray("events")
                        .size());
        assertEquals(
                0,
                json(ok(api.get("/api/v1/me/events?film_id=f2", alice)))
                        .getJsonArray("events")
                        .size());
    }

    @Test
    void eventsBeforeAnInstant() throws Exception {
        JsonArray events = json(ok(api.get("/api/v1/me/events?before=" + NOW.plusSeconds(2), alice)))
                .getJsonArray("events");
        assertEquals(1, events.size());
        JsonObject first = events.getJsonObject(0);
        assertEquals(NOW.plusSeconds(1).toString(), first.getString("event_time"));
        assertEquals(NOW.toString(), first.getString("start_time"));
        assertEquals("web", first.getJsonObject("properties").getString("device"));
    }

    @Test
    void badEventsParametersAre400sNamingTheParameter() throws Exception {
        assertProblem(api.get("/api/v1/me/events?limit=0", alice), 400, "limit");
        assertProblem(api.get("/api/v1/me/events?limit=501", alice), 400, "limit");
        assertProblem(api.get("/api/v1/me/events?limit=ten", alice), 400, "limit");
        assertProblem(api.get("/api/v1/me/events?before=yesterday", alice), 400, "before");
        assertProblem(api.get("/api/v1/me/events?before=c1.broken", alice), 400, "before");
        assertProblem(api.get("/api/v1/me/events?action=DANCE", alice), 400, "action");
        assertProblem(api.get("/api/v1/me/events?film_id=", alice), 400, "film_id");
        assertProblem(api.get("/api/v1/me/progress/" + "x".repeat(129), alice), 400, "film_id");
    }

    @Test
    void statisticsNeedTheAnalystRole() throws Exception {
        for (String path : List.of(
                "/api/v1/stats/overview",
                "/api/v1/stats/films/top",
                "/api/v1/stats/films/f1",
                "/api/v1/stats/status")) {
            assertProblem(api.get(path, alice), 403, null);
            assertProblem(api.get(path, null), 401, null);
        }
    }

    @Test
    void overviewCountsByActionUsersAndMinutes() throws Exception {
        String range = "?from=" + NOW + "&to=" + NOW.plusSeconds(60);
        JsonObject o = json(ok(api.get("/api/v1/stats/overview" + range, analyst)));
        assertEquals(13, o.getLong("total_events"));
        assertEquals(3, o.getLong("distinct_users"));
        JsonArray byAction = o.getJsonArray("events_by_action");
        assertEquals(new JsonObject().put("action", "CLICK").put("count", 5), byAction.getJsonObject(0));
        assertEquals(new JsonObject().put("action", "VIEW").put("count", 4), byAction.getJsonObject(1));
        JsonArray minutes = o.getJsonArray("events_per_minute");
        assertEquals(1, minutes.size());
        assertEquals(NOW.toString(), minutes.getJsonObject(0).getString("time"));
        assertEquals(13, minutes.getJsonObject(0).getLong("count"));
        assertEquals(3, minutes.getJsonObject(0).getJsonObject("by_action").getLong("FILM_PROGRESS"));
    }

    @Test
    void badOverviewRangesAre400s() throws Exception {
        assertProblem(api.get("/api/v1/stats/overview?from=2024-02-01T08:40:00", analyst), 400, "from");
        assertProblem(api.get("/api/v1/stats/overview?to=soon", analyst), 400, "to");
        assertProblem(api.get("/api/v1/stats/overview?from=" + NOW + "&to=" + NOW, analyst), 400, "from");
        assertProblem(
                api.get("/api/v1/stats/overview?from=" + NOW.minus(40, ChronoUnit.DAYS) + "&to=" + NOW, analyst),
                400,
                "from");
    }

    @Test
    void topFilmsByAction() throws Exception {
        JsonObject views = json(ok(api.get("/api/v1/stats/films/top?action=view&limit=5", analyst)));
        assertEquals("VIEW", views.getString("action"));
        assertEquals(
                new JsonArray()
                        .add(new JsonObject().put("film_id", "f1").put("count", 3))
                        .add(new JsonObject().put("film_id", "f2").put("count", 1)),
                views.getJsonArray("films"));
        JsonObject top1 = json(ok(api.get("/api/v1/stats/films/top?limit=1", analyst)));
        assertEquals(1, top1.getJsonArray("films").size());
        assertProblem(api.get("/api/v1/stats/films/top?action=LIKE", analyst), 400, "action");
        assertProblem(api.get("/api/v1/stats/films/top?limit=101", analyst), 400, "limit");
    }

    @Test
    void filmStatistics() throws Exception {
        JsonObject f1 = json(ok(api.get("/api/v1/stats/films/f1", analyst)));
        assertEquals(3, f1.getLong("views"));
        assertEquals(3, f1.getLong("distinct_viewers")); // alice, bob (progress), carol (view)
        assertEquals(2, f1.getLong("viewers_with_progress"));
        assertEquals(0.5, f1.getDouble("completion_rate")); // bob finished, alice did not
        assertEquals(2250.0, f1.getDouble("average_watched_seconds")); // alice 1500 s, bob 3000 s
        assertEquals(0.75, f1.getDouble("average_watched_share")); // (1500/3000 + 3000/3000) / 2
        JsonObject unknown = json(ok(api.get("/api/v1/stats/films/nobody-watched", analyst)));
        assertEquals(0, unknown.getLong("views"));
        assertNull(unknown.getValue("completion_rate"));
        assertNull(unknown.getValue("average_watched_share"));
    }

    @Test
    void statusReportsRowsStoredAndTheProbe() throws Exception {
        api.accepted.set(13);
        JsonObject s = json(ok(api.get("/api/v1/stats/status", analyst)));
        assertEquals(13, s.getLong("rows_stored"));
        assertEquals(13, s.getLong("accepted_events"));
        assertEquals(0, s.getLong("etl_lag"));
        assertTrue(s.getString("store").startsWith("DuckDB"), s.getString("store"));
    }

    @Test
    void everyReadPathIsInTheOpenApiDocument() throws Exception {
        String doc = ok(api.get("/openapi.yaml", null)).body();
        for (String path : List.of(
                "/api/v1/me/progress/{film_id}:",
                "/api/v1/me/events:",
                "/api/v1/stats/overview:",
                "/api/v1/stats/films/top:",
                "/api/v1/stats/films/{film_id}:",
                "/api/v1/stats/status:")) {
            assertTrue(doc.contains(path), path);
        }
    }

    @Test
    void theDashboardIsServedWithoutATokenAndLocksItselfDown() throws Exception {
        HttpResponse<String> page = ok(api.get("/", null));
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(
                page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        assertTrue(page.body().contains("/dashboard/dashboard.js"));
        assertEquals(200, api.get("/dashboard/dashboard.js", null).statusCode());
    }

    private static HttpResponse<String> ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(
                r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
                        || !r.body().startsWith("{"),
                "JSON bodies say so");
        return r;
    }

    private static void assertProblem(HttpResponse<String> r, int status, String parameter) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(
                "application/problem+json",
                r.headers().firstValue("Content-Type").orElse(""));
        JsonObject problem = json(r);
        assertEquals(status, problem.getInteger("status"));
        assertTrue(problem.getString("detail").length() > 5, problem.encode());
        if (parameter != null) {
            assertEquals(parameter, problem.getString("parameter"), problem.encode());
            assertTrue(problem.getString("detail").startsWith(parameter), problem.encode());
        }
    }

    private static Event event(String user, Action action, String film, int second) {
        Instant t = NOW.plusSeconds(second);
        return new Event(UUID.randomUUID(), user, action, film, null, t, null, null, Map.of(), t);
    }

    private static Event progress(String user, String film, int second, int fromS, int toS) {
        Instant t = NOW.plusSeconds(second);
        return new Event(
                UUID.randomUUID(),
                user,
                Action.FILM_PROGRESS,
                film,
                "watching",
                t,
                NOW.plusSeconds(fromS),
                NOW.plusSeconds(toS),
                Map.of("device", "web"),
                t);
    }
}
