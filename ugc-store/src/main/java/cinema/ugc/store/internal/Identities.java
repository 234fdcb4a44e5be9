package cinema.ugc.store.internal;

import cinema.ugc.store.StoredEvent;
import com.carrotsearch.hppc.BitMixer;
import com.carrotsearch.hppc.LongHashSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An event's identity is the pair (user_id, event_id): the id is the client's idempotency key, and a client can only
 * send events as its own user (the token names it), so one user's id never hides another user's event. Every store
 * keeps the first copy of an identity — the lowest (Kafka partition, offset), i.e. the one accepted first — and drops
 * later copies whatever their payload.
 */
public final class Identities {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Identities() {}

    /** The identity of a stored event. */
    public record Key(String userId, UUID eventId) {
        public static Key of(StoredEvent e) {
            return new Key(e.event().userId(), e.event().eventId());
        }
    }

    /**
     * A 64-bit fingerprint of (user_id, event_id). Equal identities have equal fingerprints; two different ones share
     * a fingerprint with probability about 2^-64, so a known fingerprint only makes an identity a suspect that an
     * exact look-up confirms.
     */
    public static long fingerprint(String userId, UUID eventId) {
        long h = FNV_OFFSET;
        for (int i = 0; i < userId.length(); i++) {
            h = (h ^ userId.charAt(i)) * FNV_PRIME;
        }
        long id = eventId.getMostSignificantBits() ^ BitMixer.mix64(eventId.getLeastSignificantBits());
        return BitMixer.mix64(id ^ BitMixer.mix64(h));
    }

    /** The fingerprints of the rows' identities, in the rows' order. */
    public static long[] fingerprints(List<StoredEvent> rows) {
        long[] out = new long[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fingerprint(
                    rows.get(i).event().userId(), rows.get(i).event().eventId());
        }
        return out;
    }

    /** A batch's rows with one copy per identity, and their identities' fingerprints in the same order. */
    public record Unique(List<StoredEvent> rows, long[] fingerprints) {
        /** Distinct fingerprints mean distinct identities: the exact check runs only when a fingerprint repeats. */
        public static Unique of(List<StoredEvent> batch) {
            long[] fingerprints = Identities.fingerprints(batch);
            if (!anyRepeated(fingerprints)) {
                return new Unique(batch, fingerprints);
            }
            List<StoredEvent> rows = firstCopies(batch);
            return new Unique(rows, Identities.fingerprints(rows));
        }
    }

    /** False means the fingerprinted identities are all distinct; true, that some probably repeat. */
    static boolean anyRepeated(long[] fingerprints) {
        LongHashSet seen = new LongHashSet(fingerprints.length);
        for (long f : fingerprints) {
            if (!seen.add(f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One row per identity, its lowest (partition, offset) copy — the one consumed first — in the batch's order; the
     * batch itself when no identity repeats.
     */
    public static List<StoredEvent> firstCopies(List<StoredEvent> batch) {
        Map<Key, StoredEvent> first = new HashMap<>(batch.size() * 2);
        boolean repeats = false;
        for (StoredEvent e : batch) {
            StoredEvent kept = first.putIfAbsent(Key.of(e), e);
            if (kept != null) {
                repeats = true;
                if (earlier(e, kept)) {
                    first.put(Key.of(e), e);
                }
            }
        }
        if (!repeats) {
            return batch;
        }
        List<StoredEvent> out = new ArrayList<>(first.size());
        for (StoredEvent e : batch) {
            if (first.remove(Key.of(e), e)) { // removed: a second identical copy is not kept again
                out.add(e);
            }
        }
        return out;
    }

    private static boolean earlier(StoredEvent a, StoredEvent b) {
        return a.partition() < b.partition() || a.partition() == b.partition() && a.offset() < b.offset();
    }
}
