package cinema.ugc.store.clickhouse;

import cinema.ugc.store.EventEraser;
import cinema.ugc.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Erasure and retention on ClickHouse 18.16, which has neither lightweight {@code DELETE} nor {@code TTL} (23+ have
 * both): an erasure is one {@code ALTER TABLE ... DELETE} mutation for all users of the call, and the call returns once
 * {@code system.mutations} reports every mutation of the table done; retention drops whole monthly partitions. On a
 * cluster both run {@code ON CLUSTER} against every shard's local table.
 */
final class ClickHouseEraser implements EventEraser {
    private static final Duration MUTATION_TIMEOUT = Duration.ofMinutes(10);

    private final Function<String, List<String[]>> select;
    private final Consumer<String> command;
    private final String db;
    private final String cluster; // null: one server
    private final Clock clock;

    ClickHouseEraser(
            Function<String, List<String[]>> select, Consumer<String> command, String db, String cluster, Clock clock) {
        this.select = select;
        this.command = command;
        this.db = db;
        this.cluster = cluster;
        this.clock = clock;
    }

    @Override
    public Map<String, Long> erase(Map<String, Instant> receivedUpTo) {
        if (receivedUpTo.isEmpty()) {
            return Map.of();
        }
        String where = where(receivedUpTo);
        Map<String, Long> rows = new java.util.HashMap<>();
        select.apply("SELECT user_id, uniqExact(event_id) FROM " + db + ".events WHERE " + where + " GROUP BY user_id")
                .forEach(r -> rows.put(r[0], Long.parseLong(r[1])));
        if (!rows.isEmpty()) {
            command.accept("ALTER TABLE " + localTable() + " DELETE WHERE " + where);
        }
        awaitMutations();
        return rows;
    }

    /** Exact to the millisecond: {@code received_at} holds seconds, {@code received_at_ms} the rest. */
    static String where(Map<String, Instant> receivedUpTo) {
        StringJoiner or = new StringJoiner(" OR ");
        receivedUpTo.forEach((user, t) -> {
            String seconds = "toDateTime(" + t.getEpochSecond() + ", 'UTC')";
            or.add("(user_id = " + Tsv.quote(user) + " AND (received_at < " + seconds + " OR (received_at = " + seconds
                    + " AND received_at_ms <= " + t.getNano() / 1_000_000 + ")))");
        });
        return "(" + or + ")";
    }

    private String localTable() {
        return cluster == null ? db + ".events" : db + ".events_local ON CLUSTER " + cluster;
    }

    private String partTable() {
        return cluster == null ? "events" : "events_local";
    }

    /** Mutations run in the background on 18.16 (no mutations_sync): poll until none of the table is left undone. */
    private void awaitMutations() {
        Instant deadline = clock.instant().plus(MUTATION_TIMEOUT);
        // 18.16's system.mutations has no latest_fail_reason; a failing mutation shows as one never done
        // on a cluster: one replica of every shard (the cluster() table function); the other replicas apply the same
        // mutation from ZooKeeper's log
        String mutations = cluster == null ? "system.mutations" : "cluster(" + cluster + ", system, mutations)";
        String sql = "SELECT count() FROM " + mutations + " WHERE database = " + Tsv.quote(db) + " AND table = "
                + Tsv.quote(partTable()) + " AND is_done = 0";
        while (true) {
            String[] row = select.apply(sql).get(0);
            if (row[0].equals("0")) {
                return;
            }
            if (clock.instant().isAfter(deadline)) {
                throw StoreException.retriable(
                        row[0] + " mutation(s) of " + db + "." + partTable() + " not done within " + MUTATION_TIMEOUT,
                        null);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50); // polling a server-side state; nothing to wait on instead
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StoreException.retriable("interrupted waiting for a mutation", e);
        }
    }

    @Override
    public long removeOlderThan(Instant cutoff) {
        LocalDate firstKept = LocalDate.ofInstant(cutoff, ZoneOffset.UTC).withDayOfMonth(1);
        int keptMonth = firstKept.getYear() * 100 + firstKept.getMonthValue();
        long rows = 0;
        for (String[] p : select.apply("SELECT partition, sum(rows) FROM system.parts WHERE database = " + Tsv.quote(db)
                + " AND table = " + Tsv.quote(partTable()) + " AND active GROUP BY partition ORDER BY partition")) {
            if (Integer.parseInt(p[0]) < keptMonth) {
                command.accept("ALTER TABLE " + localTable() + " DROP PARTITION " + p[0]);
                rows += Long.parseLong(p[1]);
            }
        }
        return rows;
    }
}
