package cinema.ugc.store.clickhouse;

import cinema.ugc.store.DedupWindow;
import cinema.ugc.store.StoredEvent;
import cinema.ugc.store.internal.Identities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps ClickHouse free of second copies, so counts need no {@code FINAL}. Per Kafka partition it holds a {@link
 * PartitionWindow}, read from the table the first time the partition is written and again after {@link #forget}:
 * <ul>
 *   <li>re-delivered records (a process stopped between its insert and its offset commit, or an insert failed after
 *       some of its parts were stored): the exact offsets stored at or after the offset the partition is read from
 *       again — dropped without further question, since one offset is one record;</li>
 *   <li>client re-sends (a new record with an identity written before): the identities received within the window,
 *       as fingerprints; a row whose fingerprint is known is looked up exactly. All copies of an identity travel
 *       through one partition (the Kafka key is the user), so that partition's window is the only place to look.</li>
 * </ul>
 * A re-send whose first copy was received more than the window before the partition's newest row is written a second
 * time (docs/storage.md#idempotency).
 */
final class RecentIdentities {
    private static final Logger LOG = LoggerFactory.getLogger(RecentIdentities.class);

    /** The table as the filter sees it. */
    interface Table {
        /** The identities of a partition's rows received within {@code window} before its newest row's. */
        List<Recent> recent(int partition, Duration window);

        /** Which of these identities are stored. */
        Set<Identities.Key> stored(Collection<Identities.Key> keys);

        /** The offsets of a partition's rows at or after {@code from}. */
        long[] storedOffsets(int partition, long from);
    }

    /** One stored row's identity and received_at in epoch milliseconds. */
    record Recent(String userId, UUID eventId, long receivedAtMillis) {}

    private final Duration window;
    private final Table table;
    private final Map<Integer, PartitionWindow> windows = new HashMap<>(); // guarded by this
    /** Partitions to read again, with the offset from which records may come again; guarded by this. */
    private final Map<Integer, Long> rereadFrom = new HashMap<>();

    RecentIdentities(Duration window, Table table) {
        this.window = window;
        this.table = table;
    }

    /**
     * The rows (one copy per identity, with their fingerprints in the same order) that are not stored yet. Asks the
     * table only for partitions seen for the first time and for rows whose fingerprint is known.
     */
    List<StoredEvent> fresh(List<StoredEvent> rows, long[] fingerprints) {
        List<StoredEvent> suspects = new ArrayList<>();
        rows = screen(rows, fingerprints, suspects);
        if (suspects.isEmpty()) {
            return rows;
        }
        Set<Identities.Key> found =
                table.stored(suspects.stream().map(Identities.Key::of).toList());
        LOG.debug("{} of {} rows were suspects, {} of them stored already", suspects.size(), rows.size(), found.size());
        if (found.isEmpty()) {
            return rows;
        }
        List<StoredEvent> out = new ArrayList<>(rows.size() - found.size());
        for (StoredEvent e : rows) {
            if (!found.contains(Identities.Key.of(e))) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The rows minus those at offsets known to be stored; adds to {@code suspects} those whose fingerprint is known.
     */
    private synchronized List<StoredEvent> screen(
            List<StoredEvent> rows, long[] fingerprints, List<StoredEvent> suspects) {
        List<StoredEvent> out = new ArrayList<>(rows.size());
        PartitionWindow w = null;
        int partition = -1;
        for (int i = 0; i < fingerprints.length; i++) {
            StoredEvent e = rows.get(i);
            if (w == null || e.partition() != partition) { // rows of one partition mostly come together
                partition = e.partition();
                w = windowOf(partition);
            }
            if (w.isStoredOffset(e.offset())) {
                continue;
            }
            out.add(e);
            if (w.contains(fingerprints[i])) {
                suspects.add(e);
            }
        }
        return out.size() == rows.size() ? rows : out;
    }

    /** Remembers rows that were written. */
    synchronized void remember(List<StoredEvent> rows, long[] fingerprints) {
        PartitionWindow w = null;
        int partition = -1;
        for (int i = 0; i < fingerprints.length; i++) {
            StoredEvent e = rows.get(i);
            if (w == null || e.partition() != partition) {
                partition = e.partition();
                w = windows.get(partition); // null when forgotten meanwhile: the next write reads the table again
            }
            if (w != null) {
                w.add(fingerprints[i], e.event().receivedAt().toEpochMilli());
            }
        }
        windows.values().forEach(PartitionWindow::evict);
    }

    /**
     * Drops what is known of these partitions, to be read again from the table: another process may have written
     * them, and records from the given offsets on may be stored already.
     */
    synchronized void forget(Map<Integer, Long> nextOffsets) {
        nextOffsets.forEach((p, from) -> {
            windows.remove(p);
            rereadFrom.merge(p, from, Math::min);
        });
    }

    /** After a failed insert: any of these rows may be stored (one part per month may have been committed). */
    void uncertain(List<StoredEvent> rows) {
        Map<Integer, Long> from = new HashMap<>();
        rows.forEach(e -> from.merge(e.partition(), e.offset(), Math::min));
        forget(from);
    }

    /** The identities held over every partition and the heap of their windows ({@link PartitionWindow#ramBytes()}). */
    synchronized DedupWindow size() {
        long identities = 0;
        long bytes = 0;
        for (PartitionWindow w : windows.values()) {
            identities += w.identities();
            bytes += w.ramBytes();
        }
        return new DedupWindow(identities, bytes);
    }

    private PartitionWindow windowOf(int partition) {
        PartitionWindow w = windows.get(partition);
        if (w == null) {
            w = load(partition);
            windows.put(partition, w);
        }
        return w;
    }

    private PartitionWindow load(int partition) {
        long start = System.nanoTime();
        List<Recent> recent = table.recent(partition, window);
        Long from = rereadFrom.get(partition);
        long[] offsets = from == null ? new long[0] : table.storedOffsets(partition, from);
        rereadFrom.remove(partition); // only once both reads succeeded: a failed read is tried again
        PartitionWindow w = new PartitionWindow(window.toMillis(), offsets);
        for (Recent r : recent) {
            w.add(Identities.fingerprint(r.userId(), r.eventId()), r.receivedAtMillis());
        }
        LOG.info(
                "partition {}: read {} identities received within {} of its newest row{} in {} ms",
                partition,
                recent.size(),
                window,
                from == null ? "" : " and " + offsets.length + " offsets stored from " + from,
                (System.nanoTime() - start) / 1_000_000);
        return w;
    }
}
