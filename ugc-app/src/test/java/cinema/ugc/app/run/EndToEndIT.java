package cinema.ugc.app.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.app.Service;
import cinema.ugc.model.Event;
import cinema.ugc.model.EventCodec;
import cinema.ugc.ops.servers.ClickHouseServer;
import cinema.ugc.store.EventQueries;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events posted through the HTTP API of the run assembly reach both analytics stores with every field intact: the
 * shared assembly's DuckDB, and ClickHouse (a real 18.16 server) fed by a second assembly whose ETL reads the same
 * topic in its own consumer group — the production shape, Kafka in between.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPipelineExtension.class)
class EndToEndIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private final EventCodec codec = new EventCodec();
    private Service duck;
    private Service house;
    private ClickHouseServer clickhouse;

    @BeforeAll
    void start(Service shared, @TempDir Path tmp) throws Exception {
        duck = shared;
        clickhouse = ClickHouseServer.start(tmp);
        house = TestPipelines.start(TestPipelines.settings(
                Files.createDirectories(tmp.resolve("ch-run")),
                Map.of(
                        "UGC_KAFKA_BOOTSTRAP", shared.bootstrapServers(),
                        "UGC_STORE", "clickhouse",
                        "UGC_CLICKHOUSE_URL", clickhouse.httpUrl(),
                        "UGC_CLICKHOUSE_DATABASE", "e2e",
                        "UGC_ETL_GROUP", "ugc-etl-clickhouse")));
    }

    @AfterAll
    void stop() {
        if (house != null) {
            house.close();
        }
        if (clickhouse != null) {
            clickhouse.close();
        }
    }

    @Test
    void everyFieldArrivesInDuckDbAndClickHouse() throws Exception {
        String user = "e2e-" + UUID.randomUUID();
        JsonArray sent = awkwardEvents();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JsonArray ids = new ApiClient(duck.httpPort()).postBatch(TestPipelines.token(user), sent);
        Instant after = Instant.now();
        assertEquals(sent.size(), ids.size());

        List<Event> inDuck = stored(duck.store().queries(), user, sent.size());
        List<Event> inHouse = stored(house.store().queries(), user, sent.size());
        assertEquals(inDuck, inHouse, "both stores keep identical events, received_at included");
        for (int i = 0; i < sent.size(); i++) {
            JsonObject expected = sent.getJsonObject(i);
            Event actual = inDuck.stream()
                    .filter(e -> e.eventId().toString().equals(expected.getString("event_id")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("missing " + expected));
            assertSameFields(expected, user, actual);
            assertFalse(
                    actual.receivedAt().isBefore(before) || actual.receivedAt().isAfter(after), actual.toString());
        }
    }

    @Test
    void theEtlRecordsHowStaleEachWrittenRowWas() throws Exception {
        ApiClient houseApi = new ApiClient(house.httpPort());
        String before = houseApi.metrics();
        String user = "e2e-fresh-" + UUID.randomUUID();
        JsonArray sent = awkwardEvents();
        new ApiClient(duck.httpPort()).postBatch(TestPipelines.token(user), sent);
        stored(house.store().queries(), user, sent.size());
        String after = houseApi.metrics();
        // other tests' events flow through this ETL too, so only lower bounds are certain
        String count = "ugc_etl_event_freshness_seconds_count";
        assertTrue(metric(after, count) - metric(before, count) >= sent.size(), after);
        String sum = "ugc_etl_event_freshness_seconds_sum";
        assertTrue(metric(after, sum) > metric(before, sum), "rows are written some time after they were received");
        assertTrue(after.contains("ugc_etl_event_freshness_seconds_bucket{le=\"2.0\"}"), "a bucket at the 2 s target");
    }

    private static double metric(String prometheusText, String name) {
        return prometheusText
                .lines()
                .filter(l -> l.startsWith(name + " "))
                .findFirst()
                .map(l -> Double.parseDouble(l.substring(name.length() + 1).trim()))
                .orElse(0.0);
    }

    @Test
    void aResentBatchIsStoredOnce() throws Exception {
        String user = "e2e-resend-" + UUID.randomUUID();
        JsonArray sent = awkwardEvents();
        ApiClient api = new ApiClient(duck.httpPort());
        api.postBatch(TestPipelines.token(user), sent);
        api.postBatch(TestPipelines.token(user), sent); // a client retry after a lost 202
        stored(duck.store().queries(), user, sent.size());
        List<Event> inHouse = stored(house.store().queries(), user, sent.size());
        assertEquals(
                sent.size(), inHouse.stream().map(Event::eventId).distinct().count());
    }

    /** Waits until the store has exactly {@code count} events of the user, oldest first. */
    private static List<Event> stored(EventQueries queries, String user, int count) {
        await().atMost(WAIT)
                .until(() -> queries.userEvents(user, Instant.now().plusSeconds(3600), 1000)
                                .size()
                        >= count);
        List<Event> events = queries.userEvents(user, Instant.now().plusSeconds(3600), 1000);
        assertEquals(count, events.size());
        return events.stream()
                .sorted(Comparator.comparing(e -> e.eventId().toString()))
                .toList();
    }

    private void assertSameFields(JsonObject expected, String user, Event actual) {
        assertEquals(user, actual.userId());
        assertEquals(
                expected.getString("action").toUpperCase(java.util.Locale.ROOT),
                actual.action().name());
        assertEquals(expected.getString("film_id"), actual.filmId());
        assertEquals(expected.getString("description"), actual.description());
        assertEquals(Instant.parse(expected.getString("event_time")), actual.eventTime());
        assertEquals(instant(expected.getString("start_time")), actual.startTime());
        assertEquals(instant(expected.getString("end_time")), actual.endTime());
        JsonObject properties = expected.getJsonObject("properties", new JsonObject());
        assertEquals(properties, new JsonObject(codec.propertiesJson(actual.properties())));
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /** One event per kind of awkward value the stores must keep byte for byte. */
    private static JsonArray awkwardEvents() {
        Instant t =
                Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS).plusMillis(7);
        JsonArray events = new JsonArray();
        events.add(event("FILM_PROGRESS", "tt0111161", t)
                .put("description", "tab\there, new\nline, back\\slash, " + "quote ' \" and ünïcødé ✓ 🎬")
                .put("start_time", t.minusMillis(61_001).toString())
                .put("end_time", t.toString())
                .put(
                        "properties",
                        new JsonObject()
                                .put("quality", "1080p")
                                .put("position", 4321)
                                .put("ratio", 0.625)
                                .put("subtitles", true)));
        events.add(event("view", "tt0068646", t.plusMillis(1)).put("description", ""));
        events.add(event("CLICK", null, t.plusMillis(1)).put("properties", new JsonObject().put("x", -1)));
        events.add(event("SEARCH", null, t.plusMillis(999)).put("description", "   leading and trailing   "));
        events.add(event("RATING", "film/with?odd=chars&%20", t.plusSeconds(1))
                .put("properties", new JsonObject().put("stars", 5).put("comment", "x".repeat(256))));
        events.add(event("FILM_FINISHED", "tt0111161", t.plusSeconds(2)));
        events.add(event("QUALITY_CHANGE", "tt0111161", t.plusSeconds(3))
                .put("properties", new JsonObject().put("from", "720p").put("to", "4k")));
        events.add(event("FILTER", null, t.plusSeconds(4)).put("description", "x".repeat(1024)));
        return events;
    }

    private static JsonObject event(String action, String film, Instant time) {
        JsonObject e = new JsonObject()
                .put("event_id", UUID.randomUUID().toString())
                .put("action", action)
                .put("event_time", time.toString());
        return film == null ? e : e.put("film_id", film);
    }
}
