package cinema.ugc.store.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import cinema.ugc.ops.cluster.ClusterConfigs;
import cinema.ugc.ops.cluster.ClusterLayout;
import cinema.ugc.ops.cluster.ClusterLayout.ClickHouseNode;
import cinema.ugc.ops.cluster.LocalCluster;
import cinema.ugc.store.StoreException;
import cinema.ugc.store.StoreSettings;
import cinema.ugc.store.StoredEvent;
import cinema.ugc.testkit.ServerLogsOnFailure;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store in cluster mode on 2 shards × 2 replicas (ZooKeeper, one Kafka broker the layout insists on): schema
 * ON CLUSTER from two entry points at once, re-written batches counted once, one replica per shard down.
 */
class ClickHouseClusterIT {
    @TempDir
    static Path dir;

    static LocalCluster cluster;

    @RegisterExtension
    static final ServerLogsOnFailure logs = new ServerLogsOnFailure(() -> dir);

    @BeforeAll
    static void up() {
        cluster = new LocalCluster(
                ClusterLayout.freePorts(dir, new ClusterLayout.Topology(1, 2, 2, 0, 0)), null, Map.of(), false);
        cluster.up();
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.down();
        }
    }

    @Test
    void writesLandOnceOnTheirShardAndSurviveAReplicaPerShard() {
        List<ClickHouseNode> ch = cluster.layout().clickhouse();
        try (ClickHouseStore a = open(ch.get(0));
                ClickHouseStore b = open(ch.get(3))) {
            migrate(a);
            migrate(b);
            List<StoredEvent> batch = events(0, 500);
            a.write(batch);
            b.write(batch.subList(0, 200)); // a re-delivered part, through another server
            cluster.syncReplicas("ugc.events_local"); // reads may pick either replica of a shard
            assertEquals(500, a.queries().countEvents());
            assertEquals(500, b.queries().countEvents());

            cluster.kill(ch.get(1).name()); // s1r2
            cluster.kill(ch.get(2).name()); // s2r1
            a.write(events(500, 300));
            assertEquals(800, a.queries().countEvents());
            cluster.start(ch.get(1).name());
            cluster.start(ch.get(2).name());
            cluster.syncReplicas("ugc.events_local"); // the restarted replicas catch up before b reads them
            assertEquals(800, b.queries().countEvents());
        }
    }

    /** One mutation on every shard's local table; a month older than the cutoff dropped on every shard. */
    @Test
    void erasureAndRetentionReachEveryShard() {
        List<ClickHouseNode> ch = cluster.layout().clickhouse();
        try (ClickHouseStore a = open(ch.get(0));
                ClickHouseStore b = open(ch.get(3))) {
            migrate(a);
            long before = a.queries().countEvents();
            List<StoredEvent> batch = events(10_000, 370);
            a.write(batch);
            Map<String, Instant> erase = new java.util.HashMap<>();
            for (int u = 0; u < 5; u++) {
                erase.put("user-" + u, Instant.parse("2026-11-29T00:00:00Z"));
            }
            cluster.syncReplicas("ugc.events_local");
            long ofErased = erase.keySet().stream()
                    .mapToLong(u -> a.queries()
                            .userEvents(u, Instant.parse("2027-01-01T00:00:00Z"), 100_000)
                            .size())
                    .sum(); // the other test's too, if it ran
            Map<String, Long> removed = a.eraser().erase(erase);
            assertEquals(
                    ofErased,
                    removed.values().stream().mapToLong(Long::longValue).sum(),
                    removed.toString());
            cluster.syncReplicas("ugc.events_local");
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> b.queries().countEvents() == before + 370 - ofErased);
            assertEquals(
                    0,
                    b.queries()
                            .userEvents("user-3", Instant.parse("2027-01-01T00:00:00Z"), 100)
                            .size());

            a.eraser().removeOlderThan(Instant.parse("2026-12-01T00:00:00Z"));
            cluster.syncReplicas("ugc.events_local");
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> b.queries().countEvents() == 0);
        }
    }

    /**
     * An erasure on the cluster while another entry point keeps writing: the user's events received up to the
     * instant are gone from every shard, the ones received after it (written during the mutation) all stay, and every
     * other user's events are exactly those written.
     */
    @Test
    void anErasureUnderConcurrentWritesRemovesExactlyTheUsersEarlierEvents() throws Exception {
        List<ClickHouseNode> ch = cluster.layout().clickhouse();
        Instant erasedBefore = Instant.parse("2026-11-27T12:00:00Z");
        try (ClickHouseStore a = open(ch.get(0));
                ClickHouseStore b = open(ch.get(3))) {
            migrate(a);
            a.write(loadEvents(0, 500, erasedBefore.minusSeconds(3_600)));
            // the insert waited for one replica per shard; the eraser counts through the Distributed table, which may
            // ask the other, which may not have fetched the insert yet
            cluster.syncReplicas("ugc.events_local");
            java.util.concurrent.CompletableFuture<Void> writer =
                    java.util.concurrent.CompletableFuture.runAsync(() -> {
                        for (int batch = 0; batch < 10; batch++) {
                            b.write(loadEvents(500 + batch * 100, 100, erasedBefore.plusSeconds(60)));
                        }
                    });
            Map<String, Long> removed = a.eraser().erase(Map.of("load-3", erasedBefore));
            writer.get(2, java.util.concurrent.TimeUnit.MINUTES);
            assertEquals(Map.of("load-3", 50L), removed, "the 50 of its 500 events received before the instant");
            cluster.syncReplicas("ugc.events_local");
            Instant end = Instant.parse("2027-01-01T00:00:00Z");
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> b.queries().userEvents("load-3", end, 10_000).size() == 100);
            assertEquals(
                    List.of(),
                    b.queries().userEvents("load-3", end, 10_000).stream()
                            .filter(e -> !e.receivedAt().isAfter(erasedBefore))
                            .toList());
            for (int u = 0; u < 10; u++) {
                if (u != 3) {
                    assertEquals(
                            150,
                            b.queries().userEvents("load-" + u, end, 10_000).size(),
                            "load-" + u);
                }
            }
        }
    }

    /** {@code n} events of users load-0..9, ids from {@code from}, received from {@code receivedFrom} a second apart. */
    private static List<StoredEvent> loadEvents(int from, int n, Instant receivedFrom) {
        List<StoredEvent> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            Instant received = receivedFrom.plusMillis(i - from);
            Event e = new Event(
                    new UUID(9, i),
                    "load-" + (i % 10),
                    Action.values()[0],
                    "film-" + (i % 5),
                    null,
                    received,
                    null,
                    null,
                    Map.of(),
                    received);
            out.add(new StoredEvent(e, 1, i));
        }
        return out;
    }

    private static ClickHouseStore open(ClickHouseNode n) {
        return ClickHouseStore.open(new StoreSettings(
                StoreSettings.Kind.CLICKHOUSE,
                URI.create("http://127.0.0.1:" + n.httpPort()),
                "default",
                "",
                "ugc",
                null,
                null,
                null,
                null,
                ClusterConfigs.CLICKHOUSE_CLUSTER));
    }

    private static List<StoredEvent> events(int from, int n) {
        List<StoredEvent> out = new ArrayList<>();
        Instant t = Instant.parse("2026-11-28T00:00:00Z");
        for (int i = from; i < from + n; i++) {
            Event e = new Event(
                    new UUID(7, i),
                    "user-" + (i % 37),
                    Action.values()[0],
                    "film-" + (i % 5),
                    null,
                    t.plusSeconds(i),
                    null,
                    null,
                    Map.of(),
                    t.plusSeconds(i));
            out.add(new StoredEvent(e, 0, i));
        }
        return out;
    }

    /**
     * ON CLUSTER DDL goes through ZooKeeper's queue; on a loaded 2-core machine the first such statement once went
     * unanswered (the server closed the connection after 10 s, probably ZooKeeper's default operation timeout) right
     * after the cluster came up. Migrations are idempotent, so retry a retriable failure a few times, as a restarted
     * ETL or API would.
     */
    private static void migrate(ClickHouseStore store) {
        for (int attempt = 1; ; attempt++) {
            try {
                store.migrate();
                return;
            } catch (StoreException e) {
                if (!e.retriable() || attempt == 3) {
                    throw e;
                }
            }
        }
    }
}
