package cinema.ugc.kafka.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where an erasure stands — the value of a record on {@link ErasureTopics#STATUS} (key = erasure id) and the audit
 * record kept for it: who asked, for whom, when, and the rows removed per store. No event content.
 *
 * @param store       the store this report is about (the ETL that applies it); null for the API's first record
 * @param reason      why it is not done yet ({@code pending}, the last failure) or why it failed; null when done
 * @param rowsRemoved rows removed per store name, once done
 */
public record ErasureStatus(
        ErasureRequest request,
        String store,
        State state,
        String reason,
        Map<String, Long> rowsRemoved,
        Instant updatedAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code pending} until every store has removed the rows; {@code failed} only for what no retry can fix. */
    public enum State {
        PENDING,
        DONE,
        FAILED
    }

    public ErasureStatus {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(state, "state");
        rowsRemoved = Map.copyOf(rowsRemoved);
    }

    public static ErasureStatus pending(ErasureRequest request, String reason, Instant now) {
        return new ErasureStatus(request, null, State.PENDING, reason, Map.of(), now);
    }

    public byte[] toJson() {
        return toNode().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON shown by {@code GET /api/v1/erasures/{id}}. */
    public ObjectNode toNode() {
        ObjectNode o = JSON.createObjectNode()
                .put("erasure_id", request.erasureId().toString())
                .put("user_id", request.userId())
                .put("requester", request.requester())
                .put("requested_at", request.requestedAt().toString())
                .put("erased_before", request.erasedBefore().toString())
                .put("state", state.name().toLowerCase(java.util.Locale.ROOT))
                .put("updated_at", updatedAt.toString());
        if (reason != null) {
            o.put("reason", reason);
        }
        if (store != null) {
            o.put("store", store);
        }
        ObjectNode rows = o.putObject("rows_removed");
        new java.util.TreeMap<>(rowsRemoved).forEach(rows::put);
        return o;
    }

    /** @throws IllegalArgumentException when the bytes are not an erasure status */
    public static ErasureStatus fromJson(byte[] json) {
        try {
            JsonNode n = JSON.readTree(json);
            ErasureRequest request = new ErasureRequest(
                    java.util.UUID.fromString(ErasureRequest.text(n, "erasure_id")),
                    ErasureRequest.text(n, "user_id"),
                    Instant.parse(ErasureRequest.text(n, "erased_before")),
                    ErasureRequest.text(n, "requester"),
                    Instant.parse(ErasureRequest.text(n, "requested_at")));
            Map<String, Long> rows = new LinkedHashMap<>();
            n.path("rows_removed")
                    .fields()
                    .forEachRemaining(e -> rows.put(e.getKey(), e.getValue().asLong()));
            JsonNode reason = n.get("reason");
            JsonNode store = n.get("store");
            return new ErasureStatus(
                    request,
                    store == null ? null : store.asText(),
                    State.valueOf(ErasureRequest.text(n, "state").toUpperCase(java.util.Locale.ROOT)),
                    reason == null ? null : reason.asText(),
                    rows,
                    Instant.parse(ErasureRequest.text(n, "updated_at")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an erasure status: " + e.getMessage(), e);
        }
    }
}
