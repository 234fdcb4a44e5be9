package cinema.ugc.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The 202 body, written by hand for speed, is exactly the JSON a JSON library writes for the same ids. */
class IngestRoutesTest {
    static Event event(UUID id) {
        Instant now = Instant.parse("2026-12-05T14:00:00Z");
        return new Event(id, "user-1", Action.CLICK, null, null, now, null, null, Map.of(), now);
    }

    static String byLibrary(List<Event> events) {
        JsonArray ids = new JsonArray();
        events.forEach(e -> ids.add(e.eventId().toString()));
        return new JsonObject().put("event_ids", ids).encode();
    }

    @Test
    void theAcceptedBodyIsTheLibrarysJsonForOneEventAndForABatch() {
        for (int n : new int[] {1, 2, 100}) {
            List<Event> events = IntStream.range(0, n)
                    .mapToObj(i -> event(UUID.randomUUID()))
                    .toList();
            String body = IngestRoutes.acceptedBody(events).toString();
            assertEquals(byLibrary(events), body);
            assertEquals(
                    events.stream().map(e -> e.eventId().toString()).toList(),
                    new JsonObject(body).getJsonArray("event_ids").getList());
        }
    }

    @Test
    void idsWithLettersAndLeadingZeroesAreWrittenInTheirCanonicalForm() {
        List<Event> events = List.of(
                event(UUID.fromString("00000000-0000-4000-8000-000000000000")),
                event(UUID.fromString("FFFFFFFF-ABCD-4EF0-9ABC-DEF012345678")));
        assertEquals(
                "{\"event_ids\":[\"00000000-0000-4000-8000-000000000000\",\"ffffffff-abcd-4ef0-9abc-def012345678\"]}",
                IngestRoutes.acceptedBody(events).toString());
    }
}
