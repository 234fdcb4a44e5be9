package cinema.ugc.ops.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cinema.ugc.ops.cluster.ClusterLayout.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings the local cluster starts its API and ETL instances with (nothing is started here). */
class ClusterNodesTest {
    private static final AppLauncher APPS = role -> List.of("ugc", role);

    @Test
    void eachEtlInstanceRunsOneConsumerThreadUnderItsOwnMembershipId(@TempDir Path dir) {
        Map<String, ClusterNode> nodes =
                ClusterNodes.of(ClusterLayout.fixed(dir, Topology.FULL, 20_000), APPS, Map.of());

        for (String etl : List.of("etl-1", "etl-2")) {
            Map<String, String> env = nodes.get(etl).env();
            assertEquals("1", env.get("UGC_ETL_CONSUMERS"), etl + ": " + env);
            assertEquals(etl, env.get("UGC_ETL_INSTANCE_ID"), etl + ": " + env);
        }
        Map<String, String> api = nodes.get("api-1").env();
        assertFalse(api.containsKey("UGC_ETL_CONSUMERS"), "an ETL setting only: " + api);
        assertFalse(api.containsKey("UGC_ETL_INSTANCE_ID"), api.toString());
    }

    @Test
    void theOperatorsSettingsGoOverTheClustersOwn(@TempDir Path dir) {
        Map<String, ClusterNode> nodes = ClusterNodes.of(
                ClusterLayout.fixed(dir, Topology.FULL, 20_000), APPS, Map.of("UGC_ETL_CONSUMERS", "3"));

        assertEquals("3", nodes.get("etl-1").env().get("UGC_ETL_CONSUMERS"));
        assertEquals("etl-1", nodes.get("etl-1").env().get("UGC_ETL_INSTANCE_ID"));
    }
}
