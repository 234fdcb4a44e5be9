package cinema.ugc.testkit.cluster;

import cinema.ugc.testkit.cluster.ClusterLayout.ClickHouseNode;
import cinema.ugc.testkit.cluster.ClusterLayout.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The infrastructure of the local cluster from the shared templates: replication and sharding really work. */
class LocalClusterIT {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void up() {
        cluster = new LocalCluster(ClusterLayout.freePorts(dir, Topology.FULL), null, Map.of(), false);
        cluster.up();
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.down();
        }
    }

    @Test
    void replicatedShardsBehindADistributedTable() throws Exception {
        ClickHouseNode first = cluster.layout().clickhouse().get(0);
        sql(first, "CREATE DATABASE IF NOT EXISTS t ON CLUSTER ugc");
        sql(first, "CREATE TABLE IF NOT EXISTS t.local ON CLUSTER ugc (id UInt32, user String) ENGINE = "
                + "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/t_local', '{replica}') ORDER BY id");
        sql(first, "CREATE TABLE IF NOT EXISTS t.dist ON CLUSTER ugc AS t.local "
                + "ENGINE = Distributed(ugc, t, local, cityHash64(user))");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            rows.append(i).append("\tuser-").append(i % 10).append('\n');
        }
        sql(first, "INSERT INTO t.dist FORMAT TabSeparated\n" + rows, "insert_distributed_sync=1");
        assertEquals("100", sql(first, "SELECT count() FROM t.dist FINAL").trim());
        for (ClickHouseNode n : cluster.layout().clickhouse()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !sql(n, "SELECT count() FROM t.local").trim().equals("0"));
        }
        long shard1 = Long.parseLong(sql(cluster.layout().clickhouse().get(0), "SELECT count() FROM t.local").trim());
        long shard2 = Long.parseLong(sql(cluster.layout().clickhouse().get(2), "SELECT count() FROM t.local").trim());
        assertEquals(100, shard1 + shard2, "each row on exactly one shard");
        await().atMost(Duration.ofSeconds(60)).until(() -> Long.parseLong(
                sql(cluster.layout().clickhouse().get(1), "SELECT count() FROM t.local").trim()) == shard1);
    }

    @Test
    void aKafkaBrokerCanBeKilledAndRestarted() {
        assertTrue(cluster.node("kafka-2").isReady());
        cluster.kill("kafka-2");
        assertFalse(cluster.node("kafka-2").alive());
        cluster.start("kafka-2");
        assertTrue(cluster.node("kafka-2").isReady());
        assertTrue(cluster.status().stream().allMatch(NodeStatus::ready), cluster.status().toString());
    }

    private static String sql(ClickHouseNode n, String statement) throws Exception {
        return sql(n, statement, "");
    }

    private static String sql(ClickHouseNode n, String statement, String settings) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.httpPort()
                        + "/?" + settings)).POST(HttpRequest.BodyPublishers.ofString(statement)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(n.name() + ": " + r.body());
        }
        return r.body();
    }
}
