package cinema.ugc.ingest.erasure;

import cinema.ugc.kafka.erasure.CompactedTopicReader;
import cinema.ugc.kafka.erasure.ErasureStatus;
import cinema.ugc.kafka.erasure.ErasureTopics;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The erasure statuses as this API process knows them: the status topic followed from its beginning, plus what this
 * process recorded itself (seen at once, before the topic delivers it back).
 */
public final class ErasureStatusView implements AutoCloseable {
    private final Map<UUID, ErasureStatus> statuses = new ConcurrentHashMap<>();
    private final CompactedTopicReader reader;

    public ErasureStatusView(String bootstrap) {
        this.reader = new CompactedTopicReader(bootstrap, ErasureTopics.STATUS, "ugc-api-erasure-status",
                (k, v) -> {
                    if (v != null) {
                        put(ErasureStatus.fromJson(v));
                    }
                }).start();
    }

    /** Keeps the newest status of an erasure: a late-read "pending" never hides a "done". */
    void put(ErasureStatus status) {
        statuses.merge(status.request().erasureId(), status,
                (old, now) -> now.updatedAt().isBefore(old.updatedAt()) ? old : now);
    }

    public Optional<ErasureStatus> get(UUID erasureId) {
        return Optional.ofNullable(statuses.get(erasureId));
    }

    @Override
    public void close() {
        reader.close();
    }
}
