package cinema.ugc.query.internal;

import cinema.ugc.model.Instants;
import cinema.ugc.store.EventQueries;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/stats/overview}: events by action, distinct users and events per minute in [from, to). */
public final class Overview {
    private Overview() {}

    public static JsonObject read(EventQueries queries, Instant from, Instant to) {
        List<EventQueries.Count> byAction = queries.eventsByAction(from, to);
        long total = byAction.stream().mapToLong(EventQueries.Count::count).sum();
        return new JsonObject()
                .put("from", Instants.format(from))
                .put("to", Instants.format(to))
                .put("total_events", total)
                .put("distinct_users", queries.distinctUsers(from, to))
                .put("events_by_action", Json.counts(byAction, "action"))
                .put("events_per_minute", perMinute(queries.eventsPerMinuteByAction(from, to)));
    }

    /** Rows of (minute, action, count), ascending by minute, folded into one object per minute. */
    private static JsonArray perMinute(List<EventQueries.ActionTimeCount> rows) {
        Map<Instant, JsonObject> minutes = new LinkedHashMap<>();
        for (EventQueries.ActionTimeCount row : rows) {
            JsonObject minute = minutes.computeIfAbsent(
                    row.time(),
                    t -> new JsonObject()
                            .put("time", Instants.format(t))
                            .put("count", 0L)
                            .put("by_action", new JsonObject()));
            minute.put("count", minute.getLong("count") + row.count());
            minute.getJsonObject("by_action").put(row.action(), row.count());
        }
        return new JsonArray(List.copyOf(minutes.values()));
    }
}
