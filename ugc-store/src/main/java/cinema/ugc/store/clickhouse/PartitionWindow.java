package cinema.ugc.store.clickhouse;

import com.carrotsearch.hppc.LongHashSet;

/**
 * The offsets of one Kafka partition known to be stored when it was (re)assigned, and the fingerprints of the
 * identities written to it whose received_at lies within {@code window} of
 * the newest received_at seen there, oldest first. A ring of (fingerprint, received_at) in write order drives the
 * eviction; a hash set answers "seen?". 16 bytes a ring slot plus 11–21 bytes of hash set per identity
 * (docs/storage.md#idempotency). Not thread-safe: {@link RecentIdentities} guards it.
 *
 * <p>An entry is evicted once it is older than the newest received_at written minus the window and a margin. The
 * ingest API stamps received_at before the record enters the partition, so received_at grows with the offset (up to
 * the clock skew between API instances, which the margin absorbs): a copy re-sent within the window of its first
 * copy is always recognised. Two identities with one fingerprint share an entry until the first is evicted
 * (probability about n² / 2^65 within one window): the only way the window can forget an identity early.
 */
final class PartitionWindow {
    private static final int INITIAL = 1024;
    /** Clock skew between ingest API instances tolerated on top of the window. */
    static final long SKEW_MARGIN_MILLIS = 60_000;

    private final long windowMillis;
    private final LongHashSet fingerprints = new LongHashSet(INITIAL);
    private long[] ringFingerprints = new long[INITIAL];
    private long[] ringMillis = new long[INITIAL];
    private int head;
    private int size;
    private long newestMillis = Long.MIN_VALUE;
    private final LongHashSet storedOffsets;

    /** @param storedOffsets offsets known to be stored already, from which records may be delivered again */
    PartitionWindow(long windowMillis, long[] storedOffsets) {
        this.windowMillis = windowMillis;
        this.storedOffsets = LongHashSet.from(storedOffsets);
    }

    PartitionWindow(long windowMillis) {
        this(windowMillis, new long[0]);
    }

    boolean isStoredOffset(long offset) {
        return !storedOffsets.isEmpty() && storedOffsets.contains(offset);
    }

    boolean contains(long fingerprint) {
        return fingerprints.contains(fingerprint);
    }

    /** Remembers an identity written with this received_at; {@link #evict()} then moves the window on. */
    void add(long fingerprint, long receivedAtMillis) {
        newestMillis = Math.max(newestMillis, receivedAtMillis);
        if (size == ringFingerprints.length) {
            grow();
        }
        int tail = (head + size) % ringFingerprints.length;
        ringFingerprints[tail] = fingerprint;
        ringMillis[tail] = receivedAtMillis;
        size++;
        fingerprints.add(fingerprint);
    }

    /**
     * Forgets the entries older than the newest received_at added minus the window and the margin, oldest first in
     * write order (an entry behind a younger one waits for it: memory, never correctness).
     */
    void evict() {
        long horizon = newestMillis - windowMillis - SKEW_MARGIN_MILLIS;
        while (size > 0 && ringMillis[head] < horizon) {
            fingerprints.remove(ringFingerprints[head]);
            head = (head + 1) % ringFingerprints.length;
            size--;
        }
    }

    int size() {
        return size;
    }

    /** The distinct identities held; the ring may hold one twice, since a batch written again is remembered again. */
    int identities() {
        return fingerprints.size();
    }

    /** Heap held by the window's arrays: the hash set's slots and the ring's two arrays. */
    long ramBytes() {
        return fingerprints.ramBytesAllocated() + storedOffsets.ramBytesAllocated() + 16L * ringFingerprints.length;
    }

    private void grow() {
        long[] f = new long[ringFingerprints.length * 2];
        long[] m = new long[f.length];
        for (int i = 0; i < size; i++) {
            int from = (head + i) % ringFingerprints.length;
            f[i] = ringFingerprints[from];
            m[i] = ringMillis[from];
        }
        ringFingerprints = f;
        ringMillis = m;
        head = 0;
    }

    @Override
    public String toString() {
        return "PartitionWindow[" + size + " ids, newest " + newestMillis + ", ring " + ringFingerprints.length + "]";
    }
}
