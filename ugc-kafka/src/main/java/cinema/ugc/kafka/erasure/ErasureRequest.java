package cinema.ugc.kafka.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One recorded erasure: every event of {@code userId} received at or before {@code erasedBefore} must disappear.
 * The value of a record on {@link ErasureTopics#REQUESTS} (key = user id; compaction keeps the latest per user, whose
 * instant covers every earlier one). Carries no event content.
 */
public record ErasureRequest(
        UUID erasureId, String userId, Instant erasedBefore, String requester, Instant requestedAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ErasureRequest {
        Objects.requireNonNull(erasureId, "erasureId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(erasedBefore, "erasedBefore");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /** A new erasure of {@code userId} requested now: everything received up to this instant goes. */
    public static ErasureRequest now(String userId, String requester, Instant now) {
        return new ErasureRequest(UUID.randomUUID(), userId, now, requester, now);
    }

    public byte[] toJson() {
        ObjectNode o = JSON.createObjectNode()
                .put("erasure_id", erasureId.toString())
                .put("user_id", userId)
                .put("erased_before", erasedBefore.toString())
                .put("requester", requester)
                .put("requested_at", requestedAt.toString());
        return o.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when the bytes are not an erasure request */
    public static ErasureRequest fromJson(byte[] json) {
        try {
            JsonNode n = JSON.readTree(json);
            return new ErasureRequest(
                    UUID.fromString(text(n, "erasure_id")),
                    text(n, "user_id"),
                    Instant.parse(text(n, "erased_before")),
                    text(n, "requester"),
                    Instant.parse(text(n, "requested_at")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an erasure request: " + e.getMessage(), e);
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("missing text field " + field);
        }
        return v.asText();
    }
}
