package cinema.ugc.query.internal;

import cinema.ugc.model.Event;
import cinema.ugc.model.Instants;
import cinema.ugc.store.EventQueries;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** The read API's response bodies: the contract's snake_case names, instants as ISO-8601 UTC. */
public final class Json {
    private Json() {}

    /** An event as the ingest contract names its fields, plus {@code user_id} and {@code received_at}. */
    public static JsonObject event(Event e) {
        JsonObject json = new JsonObject()
                .put("event_id", e.eventId().toString())
                .put("user_id", e.userId())
                .put("action", e.action().name());
        putIfPresent(json, "film_id", e.filmId());
        putIfPresent(json, "description", e.description());
        json.put("event_time", Instants.format(e.eventTime()));
        putIfPresent(json, "start_time", instant(e.startTime()));
        putIfPresent(json, "end_time", instant(e.endTime()));
        json.put("properties", new JsonObject(new java.util.LinkedHashMap<>(e.properties())));
        return json.put("received_at", Instants.format(e.receivedAt()));
    }

    /** The page and its {@code next} URL, which repeats the filter so that following pages stay filtered. */
    public static JsonObject eventsPage(EventsPage page, EventQueries.EventFilter filter, int limit) {
        JsonArray events = new JsonArray();
        page.events().forEach(e -> events.add(event(e)));
        String filters =
                (filter.action() == null ? "" : "&action=" + filter.action().name())
                        + (filter.filmId() == null
                                ? ""
                                : "&film_id=" + URLEncoder.encode(filter.filmId(), StandardCharsets.UTF_8));
        String next = page.next()
                .map(c -> "/api/v1/me/events?limit=" + limit + filters + "&before=" + c.encode())
                .orElse(null);
        return new JsonObject().put("events", events).put("next", next);
    }

    public static JsonObject progress(EventQueries.WatchPosition p) {
        return new JsonObject()
                .put("film_id", p.filmId())
                .put("position", instant(p.endTime()))
                .put("start_time", instant(p.startTime()))
                .put("end_time", instant(p.endTime()))
                .put("event_time", instant(p.eventTime()));
    }

    public static JsonArray counts(List<EventQueries.Count> counts, String keyName) {
        JsonArray array = new JsonArray();
        counts.forEach(c -> array.add(new JsonObject().put(keyName, c.key()).put("count", c.count())));
        return array;
    }

    public static String instant(Instant instant) {
        return instant == null ? null : Instants.format(instant);
    }

    private static void putIfPresent(JsonObject json, String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
