package cinema.ugc.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.Event;
import cinema.ugc.model.EventParser;
import cinema.ugc.model.ValidationRules;
import cinema.ugc.web.HttpProblem;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventRequestsTest {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    final EventRequests requests =
            new EventRequests(new EventParser(ValidationRules.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC)), 3);

    static byte[] utf8(String s) {
        return s.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    static String event(String action) {
        return "{'action':'" + action + "','event_time':'2026-11-28T11:59:00Z'}";
    }

    HttpProblem problem(Runnable call) {
        return assertThrows(HttpProblem.class, call::run);
    }

    @Test
    void singleEventTakesUserFromCaller() {
        Event e = requests.single(utf8(event("CLICK")), "alice");
        assertEquals("alice", e.userId());
    }

    @Test
    void batchIsAllOrNothingListingEveryInvalidIndex() {
        HttpProblem p = problem(() -> requests.batch(
                utf8("[" + event("CLICK") + "," + event("NOPE") + ","
                        + "{'action':'RATING','event_time':'2026-11-28T11:59:00Z'}]"),
                "alice"));
        assertEquals(400, p.status());
        assertTrue(p.detail().startsWith("2 of 3 events are invalid; nothing was written"), p.detail());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors =
                (List<Map<String, Object>>) p.extensions().get("errors");
        assertEquals(
                List.of(1, 2),
                errors.stream().map(e -> e.get("index")).distinct().toList());
        assertEquals("action", errors.get(0).get("field"));
        assertEquals("film_id", errors.get(1).get("field"));
    }

    @Test
    void batchLimits() {
        assertEquals(
                3,
                requests.batch(utf8("[" + event("CLICK") + "," + event("VIEW") + "," + event("SEARCH") + "]"), "a")
                        .size());
        assertEquals(
                413, problem(() -> requests.batch(utf8("[{},{},{},{}]"), "a")).status());
        assertTrue(problem(() -> requests.batch(utf8("[]"), "a")).detail().contains("empty"));
        assertTrue(problem(() -> requests.batch(utf8(event("CLICK")), "a"))
                .detail()
                .contains("array"));
    }

    @Test
    void malformedJsonIs400WithoutEchoingInternals() {
        for (String body : List.of(
                "",
                " ",
                "{",
                "{'a':1} trailing",
                "{'a':1,'a':2}",
                "nul",
                "\u0000",
                "[".repeat(10_000),
                "{'properties':".repeat(100))) {
            HttpProblem p = problem(() -> requests.single(utf8(body), "a"));
            assertEquals(400, p.status(), body);
            assertTrue(p.detail().length() < 400, p.detail());
            assertTrue(!p.detail().contains("at [Source") && !p.detail().contains("Exception"), p.detail());
        }
    }

    @Test
    void nonObjectEventIs400() {
        HttpProblem p = problem(() -> requests.single(utf8("[1]"), "a"));
        assertEquals(400, p.status());
        assertTrue(p.detail().contains("JSON object"), p.detail());
    }

    @Test
    void duplicateKeyAnywhereIs400NamingTheKey() {
        String event = "{'action':'CLICK','event_time':'2026-11-28T11:59:00Z'";
        assertDuplicate("action", () -> requests.single(utf8(event + ",'action':'RATING'}"), "a"));
        assertDuplicate(
                "quality", () -> requests.single(utf8(event + ",'properties':{'quality':'hd','quality':'sd'}}"), "a"));
        assertDuplicate(
                "film_id",
                () -> requests.batch(utf8("[" + event + "}," + event + ",'film_id':'a','film_id':'b'}]"), "a"));
        assertDuplicate("token", () -> requests.beacon(utf8("{'token':'x','events':[],'token':'y'}")));
        // the same names in different objects are no duplicates
        Event e = requests.single(utf8(event + ",'properties':{'action':'x','event_time':'y'}}"), "a");
        assertEquals(Map.of("action", "x", "event_time", "y"), e.properties());
    }

    private void assertDuplicate(String key, Runnable call) {
        HttpProblem p = problem(call);
        assertEquals(400, p.status());
        assertEquals("malformed JSON: duplicate key '" + key + "'", p.detail());
    }
}
