package cinema.ugc.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.load.internal.InstantText;
import cinema.ugc.model.Event;
import cinema.ugc.model.EventParser;
import cinema.ugc.model.Instants;
import cinema.ugc.model.ValidationRules;
import cinema.ugc.traffic.TrafficConfig;
import cinema.ugc.traffic.TrafficModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClientJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void instantTextAgreesWithTheContractsParser() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            long ms = random.nextLong(0, 4_102_444_800_000L);
            assertEquals(Instant.ofEpochMilli(ms), Instants.parse(InstantText.format(ms)));
        }
        assertEquals(
                "2026-11-28T05:02:07.042Z",
                InstantText.format(Instant.parse("2026-11-28T05:02:07.042Z").toEpochMilli()));
        assertEquals(
                "1999-12-31T23:59:59.999Z",
                InstantText.format(Instant.parse("1999-12-31T23:59:59.999Z").toEpochMilli()));
    }

    /** The session model's events, as the load generator sends them, pass the API's own parser. */
    @Test
    void everyModelEventPassesTheParserOfTheApi() {
        Instant to = Instant.parse("2026-11-01T00:00:00Z");
        EventParser parser = new EventParser(ValidationRules.DEFAULT, Clock.fixed(to, ZoneOffset.UTC));
        new TrafficModel(TrafficConfig.ending(42, 5_000, 1_000, to, Duration.ofDays(30), 200_000))
                .stream().limit(10_000).forEach(e -> {
                    Event parsed = parser.parse(ClientJson.tree(e), e.userId());
                    assertEquals(e.eventId(), parsed.eventId());
                    assertEquals(e.action(), parsed.action());
                    assertEquals(e.startTime(), parsed.startTime());
                    assertEquals(e.properties().keySet(), parsed.properties().keySet());
                });
    }

    @Test
    void eventsSentNowAreMovedToNowKeepingOrderAndIntervals() throws Exception {
        Instant sent = Instant.parse("2026-11-28T12:00:00.500Z");
        List<Event> model = new TrafficModel(TrafficConfig.ending(
                        3, 20, 10, Instant.parse("2026-10-01T00:00:00Z"), Duration.ofDays(28), 10_000))
                .stream().filter(e -> e.startTime() != null).limit(50).toList();
        JsonNode array = JSON.readTree(ClientJson.sentAt(model, sent.toEpochMilli(), true));
        EventParser parser = new EventParser(ValidationRules.DEFAULT, Clock.fixed(sent, ZoneOffset.UTC));
        assertEquals(model.size(), array.size());
        Instant previous = Instant.MIN;
        for (int i = 0; i < array.size(); i++) {
            Event original = model.get(i);
            Event parsed = parser.parse(array.get(i), original.userId());
            assertEquals(original.eventId(), parsed.eventId());
            assertEquals(sent.minusMillis(model.size() - 1 - i), parsed.eventTime());
            assertEquals(
                    Duration.between(original.startTime(), original.endTime()),
                    Duration.between(parsed.startTime(), parsed.endTime()));
            assertFalse(parsed.endTime().isBefore(parsed.startTime()));
            assertTrue(parsed.eventTime().isAfter(previous));
            previous = parsed.eventTime();
        }
        JsonNode single = JSON.readTree(ClientJson.sentAt(model.subList(0, 1), sent.toEpochMilli(), false));
        assertTrue(single.isObject());
        assertEquals(Instants.format(sent), single.get("event_time").asText());
    }
}
