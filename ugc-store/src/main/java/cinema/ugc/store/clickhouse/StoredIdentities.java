package cinema.ugc.store.clickhouse;

import cinema.ugc.store.internal.Identities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link RecentIdentities}' view of the events table, in SQL that 18.16 accepts. On a cluster it reads every replica
 * ({@link ClickHouseCluster#everyReplica}), skipping a replica that is down — what only that replica holds is then
 * unseen until it returns (docs/storage.md, limits).
 */
final class StoredIdentities implements RecentIdentities.Table {
    /** Ids per look-up query: about 40 bytes each, well under the server's 256 KiB max_query_size. */
    private static final int LOOK_UP_CHUNK = 2_000;
    /** On a single server a no-op; on a cluster a replica that is down is skipped instead of failing the write. */
    private static final String SETTINGS = " SETTINGS skip_unavailable_shards = 1";

    private final Function<String, List<String[]>> select;
    private final Supplier<String> source;
    private String table; // the table expression, resolved on first use (a cluster's servers are asked then)

    /** @param source the table expression to read, e.g. {@code db.events} */
    StoredIdentities(Function<String, List<String[]>> select, Supplier<String> source) {
        this.select = select;
        this.source = source;
    }

    private synchronized String table() {
        if (table == null) {
            table = source.get();
        }
        return table;
    }

    /**
     * Two scans of the partition's column kafka_partition (its newest received_at, then the rows since), in offset
     * order so the window evicts oldest first; only when a partition is first written.
     */
    @Override
    public List<RecentIdentities.Recent> recent(int partition, Duration window) {
        String[] newest = select.apply("SELECT toUInt32(max(received_at)), count() FROM " + table()
                        + " WHERE kafka_partition = " + partition + SETTINGS)
                .get(0);
        if (Long.parseLong(newest[1]) == 0) {
            return List.of();
        }
        long from = Math.max(
                0, Long.parseLong(newest[0]) - window.toSeconds() - PartitionWindow.SKEW_MARGIN_MILLIS / 1000 - 1);
        List<RecentIdentities.Recent> out = new ArrayList<>();
        for (String[] r : select.apply("SELECT user_id, toString(event_id), toUInt64(received_at) * 1000 + "
                + "received_at_ms FROM " + table() + " WHERE kafka_partition = " + partition
                + " AND received_at >= toDateTime(" + from + ", 'UTC') ORDER BY kafka_offset" + SETTINGS)) {
            out.add(new RecentIdentities.Recent(r[0], UUID.fromString(r[1]), Long.parseLong(r[2])));
        }
        return out;
    }

    /** One scan of the partition and offset columns. */
    @Override
    public long[] storedOffsets(int partition, long from) {
        return select
                .apply("SELECT DISTINCT kafka_offset FROM " + table() + " WHERE kafka_partition = " + partition
                        + " AND kafka_offset >= " + from + SETTINGS)
                .stream()
                .mapToLong(r -> Long.parseLong(r[0]))
                .toArray();
    }

    /** One scan of event_id per chunk of ids; identities are matched here, since the look-up is by id alone. */
    @Override
    public Set<Identities.Key> stored(Collection<Identities.Key> keys) {
        List<Identities.Key> all = List.copyOf(keys);
        Set<Identities.Key> wanted = new HashSet<>(keys);
        Set<Identities.Key> found = new HashSet<>();
        for (int i = 0; i < all.size(); i += LOOK_UP_CHUNK) {
            List<Identities.Key> chunk = all.subList(i, Math.min(all.size(), i + LOOK_UP_CHUNK));
            StringBuilder ids = new StringBuilder();
            for (Identities.Key k : chunk) {
                ids.append(ids.length() == 0 ? "'" : ", '").append(k.eventId()).append('\'');
            }
            for (String[] r : select.apply("SELECT DISTINCT user_id, toString(event_id) FROM " + table()
                    + " WHERE event_id IN (" + ids + ")" + SETTINGS)) {
                Identities.Key k = new Identities.Key(r[0], UUID.fromString(r[1]));
                if (wanted.contains(k)) {
                    found.add(k);
                }
            }
        }
        return found;
    }
}
