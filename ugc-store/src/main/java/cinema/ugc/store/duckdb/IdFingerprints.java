package cinema.ugc.store.duckdb;

import cinema.ugc.store.StoredEvent;
import com.carrotsearch.hppc.BitMixer;
import com.carrotsearch.hppc.LongHashSet;
import java.util.List;
import java.util.UUID;

/**
 * 64-bit fingerprints of event ids, kept in a primitive hash set (8 bytes a slot, at most 75 % full). An id whose
 * fingerprint is absent was certainly never added; one whose fingerprint is present probably was, and needs an exact
 * look-up. Two ids share a fingerprint with probability about n / 2^64 (for 10^8 stored ids, 5 · 10^-12 per new id),
 * and even chosen ids that collide only cost look-ups, never a wrong answer. Not thread-safe: the store serialises
 * its writes.
 */
final class IdFingerprints {
    private final LongHashSet fingerprints;

    IdFingerprints(int expected) {
        this.fingerprints = new LongHashSet(Math.max(expected, 1024));
    }

    /** Both halves go through a bijective mixer, so ids that differ in either half almost never collide. */
    static long of(UUID id) {
        return BitMixer.mix64(id.getMostSignificantBits() ^ BitMixer.mix64(id.getLeastSignificantBits()));
    }

    /** The fingerprints of the rows' ids, in the rows' order. */
    static long[] of(List<StoredEvent> rows) {
        long[] out = new long[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = of(rows.get(i).event().eventId());
        }
        return out;
    }

    /** False means the fingerprinted ids are all distinct; true, that some probably repeat. */
    static boolean anyRepeated(long[] fingerprints) {
        LongHashSet seen = new LongHashSet(fingerprints.length);
        for (long f : fingerprints) {
            if (!seen.add(f)) {
                return true;
            }
        }
        return false;
    }

    boolean contains(long fingerprint) {
        return fingerprints.contains(fingerprint);
    }

    void add(UUID id) {
        fingerprints.add(of(id));
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
