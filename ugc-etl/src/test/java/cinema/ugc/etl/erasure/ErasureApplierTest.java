package cinema.ugc.etl.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cinema.ugc.etl.internal.Backoff;
import cinema.ugc.kafka.erasure.ErasureRequest;
import cinema.ugc.kafka.erasure.ErasureStatus;
import cinema.ugc.store.EventEraser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the erasure gauges report, and that a round removes what it applied (no thread started: rounds by hand). */
class ErasureApplierTest {
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private final Map<String, Instant> erased = new HashMap<>();
    private final List<ErasureStatus> recorded = new ArrayList<>();
    private final EventEraser eraser = new EventEraser() {
        @Override
        public Map<String, Long> erase(Map<String, Instant> receivedUpTo) {
            erased.putAll(receivedUpTo);
            return Map.of("alice", 3L);
        }

        @Override
        public long removeOlderThan(Instant cutoff) {
            return 0;
        }
    };
    private final ErasureApplier applier = new ErasureApplier(
            eraser,
            "store",
            recorded::add,
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), () -> 0.5),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theOldestWaitingErasureIsMeasuredFromItsRequestAndNothingWaitsOnceApplied() {
        assertEquals(0, applier.oldestWaitingSeconds(), "none waits");
        ErasureRequest old = request("alice", NOW.minusSeconds(90));
        applier.submit(old);
        applier.submit(request("bob", NOW.minusSeconds(5)));
        assertEquals(2, applier.waiting());
        assertEquals(90, applier.oldestWaitingSeconds(), 1e-9);

        applier.apply(List.of(old));
        assertEquals(Map.of("alice", old.erasedBefore()), erased);
        assertEquals(1, applier.waiting());
        assertEquals(5, applier.oldestWaitingSeconds(), 1e-9);
        assertEquals(ErasureStatus.State.DONE, recorded.get(0).state());
    }

    private static ErasureRequest request(String user, Instant requestedAt) {
        return new ErasureRequest(UUID.randomUUID(), user, requestedAt, user, requestedAt);
    }
}
