package cinema.ugc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventParserTest {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00.123Z");
    static final ObjectMapper JSON = new ObjectMapper();
    final EventParser parser = new EventParser(ValidationRules.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    Event parse(String text) throws Exception {
        return parser.parse(json(text), "user-1");
    }

    List<Violation> violations(String text) throws Exception {
        JsonNode node = json(text);
        return assertThrows(InvalidEventException.class, () -> parser.parse(node, "user-1"))
                .violations();
    }

    static boolean hasField(List<Violation> violations, String field) {
        return violations.stream().anyMatch(v -> v.field().equals(field));
    }

    @Test
    void parsesFullEvent() throws Exception {
        String id = UUID.randomUUID().toString();
        Event e = parse("{'event_id':'" + id + "','action':'film_progress','film_id':'f1','description':'d',"
                + "'event_time':'2026-11-28T14:59:00+03:00','start_time':'2026-11-28T11:00:00Z',"
                + "'end_time':'2026-11-28T11:30:00.5Z','properties':{'q':'720p','pos':12,'ratio':0.5,'hd':true}}");
        assertEquals(UUID.fromString(id), e.eventId());
        assertEquals("user-1", e.userId());
        assertEquals(Action.FILM_PROGRESS, e.action());
        assertEquals("f1", e.filmId());
        assertEquals(Instant.parse("2026-11-28T11:59:00Z"), e.eventTime());
        assertEquals(Instant.parse("2026-11-28T11:30:00.500Z"), e.endTime());
        assertEquals(Map.of("q", "720p", "pos", 12, "ratio", 0.5, "hd", true), e.properties());
        assertEquals(
                List.of("q", "pos", "ratio", "hd"), List.copyOf(e.properties().keySet()));
        assertEquals(Instant.parse("2026-11-28T12:00:00.123Z"), e.receivedAt());
    }

    @Test
    void generatesIdWhenAbsentAndAcceptsNullOptionals() throws Exception {
        Event e = parse("{'action':' Click ','event_time':'2026-11-28T12:00:00Z','film_id':null,'properties':null}");
        assertNotNull(e.eventId());
        assertEquals(Action.CLICK, e.action());
        assertNull(e.filmId());
        assertTrue(e.properties().isEmpty());
    }

    @Test
    void reportsEveryViolationAtOnce() throws Exception {
        List<Violation> v = violations("{'action':'JUMP','event_id':'x','user_id':'u','extra':1,"
                + "'start_time':'2026-11-28T11:00:00Z','end_time':'2026-11-28T10:00:00Z'}");
        for (String field : List.of("action", "event_id", "user_id", "extra", "event_time", "end_time")) {
            assertTrue(hasField(v, field), field + " in " + v);
        }
    }

    @Test
    void userIdIsRejectedWithReason() throws Exception {
        List<Violation> v = violations("{'action':'CLICK','event_time':'2026-11-28T12:00:00Z','user_id':'me'}");
        assertEquals(1, v.size());
        assertTrue(v.get(0).reason().contains("bearer token"));
    }

    @Test
    void filmIdRequiredForFilmActions() throws Exception {
        for (Action a : Action.values()) {
            String text = "{'action':'" + a + "','event_time':'2026-11-28T12:00:00Z'}";
            if (a.requiresFilm()) {
                assertTrue(hasField(violations(text), "film_id"), a.name());
            } else {
                assertEquals(a, parse(text).action());
            }
        }
    }

    @Test
    void eventTimeWindowIsEnforcedAtItsEdges() throws Exception {
        assertNotNull(parse("{'action':'CLICK','event_time':'" + NOW.plus(Duration.ofMinutes(5)) + "'}"));
        assertTrue(hasField(
                violations("{'action':'CLICK','event_time':'"
                        + NOW.plus(Duration.ofMinutes(5)).plusMillis(1) + "'}"),
                "event_time"));
        assertNotNull(parse("{'action':'CLICK','event_time':'" + NOW.minus(Duration.ofDays(30)) + "'}"));
        assertTrue(hasField(
                violations("{'action':'CLICK','event_time':'"
                        + NOW.minus(Duration.ofDays(30)).minusMillis(1) + "'}"),
                "event_time"));
    }

    @Test
    void configurableWindow() throws Exception {
        EventParser strict = new EventParser(
                new ValidationRules(Duration.ofSeconds(1), Duration.ofMinutes(1)), Clock.fixed(NOW, ZoneOffset.UTC));
        JsonNode old = json("{'action':'CLICK','event_time':'" + NOW.minus(Duration.ofMinutes(2)) + "'}");
        assertThrows(InvalidEventException.class, () -> strict.parse(old, "u"));
    }

    @Test
    void timesNeedAnOffset() throws Exception {
        assertTrue(hasField(violations("{'action':'CLICK','event_time':'2026-11-28T12:00:00'}"), "event_time"));
        assertTrue(hasField(violations("{'action':'CLICK','event_time':'yesterday'}"), "event_time"));
        assertTrue(hasField(violations("{'action':'CLICK','event_time':1764331200}"), "event_time"));
    }

    @Test
    void fieldSizesAndTypes() throws Exception {
        String ok = "'action':'CLICK','event_time':'2026-11-28T12:00:00Z'";
        assertNotNull(parse("{" + ok + ",'description':'" + "d".repeat(1024) + "'}"));
        assertTrue(hasField(violations("{" + ok + ",'description':'" + "d".repeat(1025) + "'}"), "description"));
        assertTrue(hasField(violations("{" + ok + ",'film_id':'   '}"), "film_id"));
        assertTrue(hasField(violations("{" + ok + ",'film_id':42}"), "film_id"));
        assertTrue(hasField(violations("{'action':7,'event_time':'2026-11-28T12:00:00Z'}"), "action"));
        assertTrue(hasField(violations("[1,2]"), "$"));
    }

    @Test
    void propertiesRules() throws Exception {
        String ok = "'action':'CLICK','event_time':'2026-11-28T12:00:00Z'";
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 33; i++) {
            many.append(i == 0 ? "" : ",").append("'k").append(i).append("':1");
        }
        assertTrue(hasField(violations("{" + ok + ",'properties':{" + many + "}}"), "properties"));
        assertTrue(hasField(violations("{" + ok + ",'properties':[]}"), "properties"));
        assertTrue(hasField(violations("{" + ok + ",'properties':{'a':{'b':1}}}"), "properties.a"));
        assertTrue(hasField(violations("{" + ok + ",'properties':{'a':[1]}}"), "properties.a"));
        assertTrue(hasField(violations("{" + ok + ",'properties':{'a':null}}"), "properties.a"));
        assertTrue(hasField(violations("{" + ok + ",'properties':{'':1}}"), "properties."));
        assertFalse(violations("{" + ok + ",'properties':{'" + "k".repeat(65) + "':1}}")
                .isEmpty());
        assertTrue(hasField(violations("{" + ok + ",'properties':{'a':'" + "v".repeat(257) + "'}}"), "properties.a"));
        assertEquals(
                32,
                parse("{" + ok + ",'properties':{" + many.substring(many.indexOf(",") + 1) + "}}")
                        .properties()
                        .size());
    }

    @Test
    void nonFiniteNumbersAreRejected() throws Exception {
        String ok = "'action':'CLICK','event_time':'2026-11-28T12:00:00Z'";
        assertTrue(hasField(violations("{" + ok + ",'properties':{'x':1e400}}"), "properties.x"));
        assertTrue(hasField(violations("{" + ok + ",'properties':{'x':-1e400}}"), "properties.x"));
    }

    @Test
    void eventIdMustBeCanonicalUuid() throws Exception {
        String ok = "'action':'CLICK','event_time':'2026-11-28T12:00:00Z'";
        assertTrue(hasField(violations("{" + ok + ",'event_id':'1-1-1-1-1'}"), "event_id"));
        UUID upper = UUID.randomUUID();
        assertEquals(
                upper,
                parse("{" + ok + ",'event_id':'" + upper.toString().toUpperCase() + "'}")
                        .eventId());
    }

    @Test
    void hugeUnknownFieldNamesAreAbbreviatedAndCapped() throws Exception {
        StringBuilder body = new StringBuilder("{'action':'CLICK','event_time':'2026-11-28T12:00:00Z'");
        for (int i = 0; i < 100; i++) {
            body.append(",'").append("x".repeat(1000)).append(i).append("':1");
        }
        List<Violation> v = violations(body.append('}').toString());
        assertTrue(v.size() <= 11, "capped: " + v.size());
        assertTrue(v.stream().allMatch(x -> x.field().length() <= 64), "abbreviated");
    }

    @Test
    void loneSurrogatesAreInvalidUnicodeAndPairsAreText() throws Exception {
        List<Violation> v = violations("{'action':'CLICK','event_time':'2026-11-28T11:00:00Z','description':'a\\ud800',"
                + "'properties':{'p':'\\udc00x','k\\ud83d':1}}");
        assertTrue(
                v.stream()
                        .anyMatch(x ->
                                x.field().equals("description") && x.reason().contains("lone surrogate")),
                v.toString());
        assertTrue(hasField(v, "properties.p"), v.toString());
        assertTrue(hasField(v, "properties.k\ufffd"), "the echoed name holds no lone surrogate: " + v);
        Event ok = parse("{'action':'CLICK','event_time':'2026-11-28T11:00:00Z','description':'\\ud83c\\udfac'}");
        assertEquals("\uD83C\uDFAC", ok.description());
        assertFalse(EventParser.wellFormed("x\uDFFF"));
        assertTrue(EventParser.wellFormed("x\uD83C\uDFACy"));
    }
}
