package cinema.ugc.ingest.erasure;

import cinema.ugc.kafka.erasure.CompactedTopicReader;
import cinema.ugc.kafka.erasure.ErasureStatus;
import cinema.ugc.kafka.erasure.ErasureTopics;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The erasure statuses as this API process knows them: the status topic followed from its beginning, plus what this
 * process recorded itself (seen at once, before the topic delivers it back). Each ETL reports for its own store; an
 * erasure is {@code done} once every store that reported is done, {@code failed} while one of them is failed,
 * {@code pending} otherwise — a store whose ETL never reported is not known here.
 */
public final class ErasureStatusView implements AutoCloseable {
    private final Map<UUID, Map<String, ErasureStatus>> reports = new ConcurrentHashMap<>();
    private final CompactedTopicReader reader;

    public ErasureStatusView(String bootstrap) {
        this.reader = new CompactedTopicReader(bootstrap, ErasureTopics.STATUS, "ugc-api-erasure-status", (k, v) -> {
                    if (v != null) {
                        put(ErasureStatus.fromJson(v));
                    }
                })
                .start();
    }

    /** Keeps the newest report per store: a late-read older "pending" never hides a "done". */
    void put(ErasureStatus status) {
        reports.computeIfAbsent(status.request().erasureId(), id -> new ConcurrentHashMap<>())
                .merge(
                        status.store() == null ? "" : status.store(),
                        status,
                        (old, now) -> now.updatedAt().isBefore(old.updatedAt()) ? old : now);
    }

    public Optional<ErasureStatus> get(UUID erasureId) {
        Map<String, ErasureStatus> byStore = reports.get(erasureId);
        return byStore == null || byStore.isEmpty() ? Optional.empty() : Optional.of(combined(byStore));
    }

    private static ErasureStatus combined(Map<String, ErasureStatus> byStore) {
        Map<String, Long> rows = new HashMap<>();
        ErasureStatus first = byStore.values().iterator().next();
        ErasureStatus.State state = ErasureStatus.State.DONE;
        String reason = null;
        Instant updated = first.updatedAt();
        boolean anyStore = false;
        for (Map.Entry<String, ErasureStatus> e : byStore.entrySet()) {
            ErasureStatus s = e.getValue();
            updated = s.updatedAt().isAfter(updated) ? s.updatedAt() : updated;
            rows.putAll(s.rowsRemoved());
            if (e.getKey().isEmpty()) {
                continue;
            }
            anyStore = true;
            if (s.state() != ErasureStatus.State.DONE && state != ErasureStatus.State.FAILED) {
                state = s.state();
                reason = e.getKey() + ": " + s.reason();
            }
        }
        if (!anyStore) {
            return first;
        }
        return new ErasureStatus(first.request(), null, state, reason, rows, updated);
    }

    @Override
    public void close() {
        reader.close();
    }
}
