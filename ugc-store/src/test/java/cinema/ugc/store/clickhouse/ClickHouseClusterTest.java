package cinema.ugc.store.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.store.internal.Migration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClickHouseClusterTest {
    private final ClickHouseCluster cluster = new ClickHouseCluster("ugc");

    @Test
    void bootstrapRunsOnEveryServer() {
        List<String> ddl = cluster.bootstrap(ClickHouseSchema.bootstrap("db"));
        assertEquals("CREATE DATABASE IF NOT EXISTS db ON CLUSTER ugc", ddl.get(0));
        assertTrue(
                ddl.get(1).startsWith("CREATE TABLE IF NOT EXISTS db.schema_migrations ON CLUSTER ugc ("), ddl.get(1));
    }

    @Test
    void eventsBecomeReplicatedShardsBehindADistributedTable() {
        List<Migration> migrations = cluster.migrations(ClickHouseSchema.migrations("db"));
        List<String> first = migrations.get(0).statements();
        assertEquals(2, first.size());
        String local = first.get(0);
        assertTrue(local.startsWith("CREATE TABLE IF NOT EXISTS db.events_local ON CLUSTER ugc ("), local);
        assertTrue(
                local.contains("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/db_events', "
                        + "'{replica}')"),
                local);
        assertTrue(local.contains("ORDER BY (action, film_id, user_id, event_time, event_id)"), local);
        assertEquals(
                "CREATE TABLE IF NOT EXISTS db.events ON CLUSTER ugc AS db.events_local "
                        + "ENGINE = Distributed(ugc, db, events_local, cityHash64(user_id))",
                first.get(1));
    }

    /** 18.16 fails OPTIMIZE … ON CLUSTER on replicated tables: on a cluster the one-time collapse is left out. */
    @Test
    void theOneTimeCollapseIsLeftOutOnACluster() {
        List<Migration> migrations = cluster.migrations(ClickHouseSchema.migrations("db"));
        assertEquals(List.of(), migrations.get(1).statements());
        assertEquals(
                List.of("OPTIMIZE TABLE db.events FINAL"),
                ClickHouseSchema.migrations("db").get(1).statements());
    }

    @Test
    void everyMigrationHasAClusterForm() {
        for (Migration m : cluster.migrations(ClickHouseSchema.migrations("db"))) {
            m.statements().forEach(s -> assertTrue(s.contains(" ON CLUSTER ugc"), s));
        }
    }

    @Test
    void refusesDdlItCannotPlaceAndBadNames() {
        assertThrows(IllegalStateException.class, () -> cluster.clustered("ALTER TABLE db.events ADD COLUMN x UInt8"));
        assertThrows(IllegalArgumentException.class, () -> new ClickHouseCluster("ugc; DROP"));
    }
}
