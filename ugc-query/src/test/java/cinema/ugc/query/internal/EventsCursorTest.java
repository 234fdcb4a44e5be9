package cinema.ugc.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cinema.ugc.web.HttpProblem;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventsCursorTest {
    private static final Instant NOW = Instant.parse("2024-02-01T08:40:00.123Z");

    @Test
    void encodedCursorsRoundTrip() {
        EventsCursor cursor = new EventsCursor(NOW, 3);
        assertEquals(cursor, EventsCursor.parse(cursor.encode(), Instant.EPOCH));
    }

    @Test
    void anInstantMeansEverythingBeforeIt() {
        assertEquals(new EventsCursor(NOW, 0), EventsCursor.parse("2024-02-01T08:40:00.123Z", Instant.EPOCH));
        assertEquals(new EventsCursor(Instant.EPOCH, 0), EventsCursor.parse(null, Instant.EPOCH));
    }

    @Test
    void garbageIsABadBeforeParameter() {
        for (String bad : new String[] {"yesterday", "c1.!!!", "c1.eHl6", "c1." + "LTE6LTE"}) {
            HttpProblem p = assertThrows(HttpProblem.class, () -> EventsCursor.parse(bad, NOW), bad);
            assertEquals("before", p.extensions().get("parameter"));
        }
    }
}
