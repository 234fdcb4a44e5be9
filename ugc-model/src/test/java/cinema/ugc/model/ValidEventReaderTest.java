package cinema.ugc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The token reader against the tree parser: every event it accepts is the one the tree parser builds from the same
 * text (values, their Java types, the properties' order), and it leaves everything else to the tree parser.
 */
class ValidEventReaderTest {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00.123Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ID = "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f";
    static final String BASE = "'action':'CLICK','event_time':'2026-11-28T11:59:00Z'";
    final EventParser parser = new EventParser(ValidationRules.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

    static String json(String text) {
        return text.replace('\'', '"');
    }

    Event tokens(String text) throws Exception {
        try (JsonParser json = JSON.getFactory().createParser(json(text))) {
            return parser.parseValid(json, "user-1");
        }
    }

    Event tree(String text) throws Exception {
        return parser.parse(JSON.readTree(json(text)), "user-1");
    }

    @Test
    void acceptsWhatTheTreeParserAcceptsAsTheSameEvent() throws Exception {
        for (String body : List.of(
                "{'event_id':'" + ID + "'," + BASE + "}",
                "{'event_id':'" + ID.toUpperCase() + "','action':'film_progress','film_id':'tt0133093',"
                        + "'description':'  ','event_time':'2026-11-28T14:59:00+03:00',"
                        + "'start_time':'2026-11-28T11:00:00Z','end_time':'2026-11-28T11:30:00.5Z',"
                        + "'properties':{'q':'720p','pos':12,'big':12345678901,'ratio':0.5,'e':1e3,'neg':-7,"
                        + "'hd':true,'sd':false,'emoji':'\\ud83c\\udfac','empty':''}}",
                "{'properties':{},'event_time':'2026-11-28T11:59:00.123456789Z','action':'RATING','film_id':'f',"
                        + "'event_id':'" + ID + "'}",
                " {'event_id':'" + ID + "'," + BASE + ",'properties':{'action':'x','event_time':'y'}}  \n",
                "{'event_id':'" + ID + "'," + BASE + ",'properties':" + properties(ValidationRules.MAX_PROPERTIES)
                        + "}")) {
            Event fromTokens = tokens(body);
            assertNotNull(fromTokens, body);
            Event fromTree = tree(body);
            assertEquals(fromTree, fromTokens, body);
            assertEquals(types(fromTree), types(fromTokens), body);
        }
    }

    @Test
    void aMissingIdIsGeneratedAsByTheTreeParser() throws Exception {
        Event e = tokens("{" + BASE + "}");
        assertNotNull(e.eventId());
        assertEquals(NOW, e.receivedAt());
        assertEquals(Map.of(), e.properties());
    }

    @Test
    void leavesEverythingElseToTheTreeParser() throws Exception {
        String event = "{'event_id':'" + ID + "'," + BASE;
        List<String> bodies = new ArrayList<>(List.of(
                "",
                " ",
                "[" + event + "}]",
                "'CLICK'",
                event,
                event + "} trailing",
                event + "} {}",
                event + "}}",
                event + ",'action':'VIEW'}",
                event + ",'user_id':'mallory'}",
                event + ",'extra':1}",
                event + ",'film_id':null}",
                event + ",'properties':null}",
                "{'action':null,'event_time':'2026-11-28T11:59:00Z'}",
                "{'action':'CLICK'}",
                "{'event_time':'2026-11-28T11:59:00Z'}",
                "{'action':'NOPE','event_time':'2026-11-28T11:59:00Z'}",
                "{'action':1,'event_time':'2026-11-28T11:59:00Z'}",
                "{'action':'RATING','event_time':'2026-11-28T11:59:00Z'}",
                "{'event_id':'1-1-1-1-1'," + BASE + "}",
                "{'event_id':' '," + BASE + "}",
                event + ",'film_id':' '}",
                event + ",'film_id':'" + "f".repeat(ValidationRules.MAX_FILM_ID_LENGTH + 1) + "'}",
                event + ",'description':'" + "d".repeat(ValidationRules.MAX_DESCRIPTION_LENGTH + 1) + "'}",
                event + ",'description':'\\ud800'}",
                event + ",'film_id':['f']}",
                event + ",'film_id':{'a':1}}",
                event + ",'start_time':'yesterday'}",
                event + ",'start_time':'2026-11-28T11:00:00Z','end_time':'2026-11-28T10:00:00Z'}",
                "{'action':'CLICK','event_time':'2026-11-28T12:10:00Z'}",
                "{'action':'CLICK','event_time':'2020-01-01T00:00:00Z'}",
                event + ",'properties':[]}",
                event + ",'properties':'x'}",
                event + ",'properties':{'a':1,'a':2}}",
                event + ",'properties':{'a':{'b':1,'b':2}}}",
                event + ",'properties':{'a':[1]}}",
                event + ",'properties':{'a':null}}",
                event + ",'properties':{'':1}}",
                event + ",'properties':{'" + "k".repeat(ValidationRules.MAX_PROPERTY_KEY_LENGTH + 1) + "':1}}",
                event + ",'properties':{'k':'" + "v".repeat(ValidationRules.MAX_PROPERTY_VALUE_LENGTH + 1) + "'}}",
                event + ",'properties':{'\\udc00':1}}",
                event + ",'properties':{'k':'\\udc00'}}",
                event + ",'properties':{'k':1e400}}",
                event + ",'properties':{'k':123456789012345678901234567890}}",
                event + ",'properties':" + properties(ValidationRules.MAX_PROPERTIES + 1) + "}",
                event + ",'properties':{'k':1,}}",
                event + ",'properties':" + "{'a':".repeat(100)));
        for (String body : bodies) {
            assertNull(tokens(body), body);
        }
    }

    static String properties(int n) {
        return IntStream.range(0, n).mapToObj(i -> "'p" + i + "':" + i).collect(Collectors.joining(",", "{", "}"));
    }

    /** Equal maps may hold an Integer where the other holds a Long; the stores would see the difference. */
    static List<String> types(Event e) {
        return e.properties().entrySet().stream()
                .map(p -> p.getKey() + ":" + p.getValue().getClass().getSimpleName())
                .toList();
    }
}
