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
import java.util.LinkedHashMap;
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

    /**
     * A single event is read from the parser's tokens when valid; whatever that reader leaves (here: duplicates at any
     * depth, trailing tokens, the nesting limit, violations) still gets the tree parser's answer, word for word.
     */
    @Test
    void singleEventsLeftByTheTokenReaderGetTheTreeParsersAnswers() {
        String event = "{'action':'CLICK','event_time':'2026-11-28T11:59:00Z'";
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put(event + ",'properties':{'a':{'b':1,'b':2}}}", "malformed JSON: duplicate key 'b'");
        answers.put(event + ",'extra':{'x':[{'y':1,'y':2}]}}", "malformed JSON: duplicate key 'y'");
        answers.put(
                event + ",'properties':{'q':1},'properties':{'q':2}}", "malformed JSON: duplicate key 'properties'");
        answers.put(
                event + "} {}",
                "malformed JSON: Trailing token (of type START_OBJECT) found after value (bound as "
                        + "`com.fasterxml.jackson.databind.JsonNode`): not allowed as per "
                        + "`DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
        answers.put(
                event + "} x",
                "malformed JSON: Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token "
                        + "'null', 'true' or 'false')");
        answers.put(
                event + ",'properties':" + "{'a':".repeat(40) + "1" + "}".repeat(41),
                "the JSON exceeds a parser limit: Document nesting depth (33) exceeds the maximum allowed (32, from "
                        + "`StreamReadConstraints.getMaxNestingDepth()`)");
        answers.put(
                event + ",'properties':{'k':1e400,'n':null}}",
                "the event is invalid; nothing was written: properties.k number is out of range (and 1 more)");
        answers.forEach((body, detail) -> {
            HttpProblem p = problem(() -> requests.single(utf8(body), "a"));
            assertEquals(400, p.status(), body);
            assertEquals(detail, p.detail(), body);
        });
    }

    private void assertDuplicate(String key, Runnable call) {
        HttpProblem p = problem(call);
        assertEquals(400, p.status());
        assertEquals("malformed JSON: duplicate key '" + key + "'", p.detail());
    }
}
