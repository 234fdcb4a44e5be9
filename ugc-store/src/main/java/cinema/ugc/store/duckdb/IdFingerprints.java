package cinema.ugc.store.duckdb;

import cinema.ugc.store.internal.Identities;
import com.carrotsearch.hppc.LongHashSet;
import java.util.UUID;

/**
 * 64-bit fingerprints of event identities (user_id, event_id; {@link Identities}), kept in a primitive hash set
 * (8 bytes a slot, at most 75 % full). An identity whose fingerprint is absent was certainly never added; one whose
 * fingerprint is present probably was, and needs an exact look-up. Two identities share a fingerprint with probability
 * about n / 2^64 (for 10^8 stored events, 5 · 10^-12 per new one), and even chosen ids that collide only cost look-ups,
 * never a wrong answer. Not thread-safe: the store serialises its writes.
 */
final class IdFingerprints {
    private final LongHashSet fingerprints;

    IdFingerprints(int expected) {
        this.fingerprints = new LongHashSet(Math.max(expected, 1024));
    }

    boolean contains(long fingerprint) {
        return fingerprints.contains(fingerprint);
    }

    void add(String userId, UUID id) {
        fingerprints.add(Identities.fingerprint(userId, id));
    }

    void addAll(long[] more) {
        for (long f : more) {
            fingerprints.add(f);
        }
    }

    int size() {
        return fingerprints.size();
    }
}
