package cinema.ugc.ops.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.ops.cluster.ClusterLayout.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory left by the version whose brokers were the controllers too is refused before anything starts. */
class LocalClusterTest {

    @Test
    void aDirectoryOfCombinedBrokerControllerNodesIsRefusedWithWhatToDo(@TempDir Path dir) throws Exception {
        ClusterLayout layout = ClusterLayout.fixed(dir, Topology.FULL, 20_000);
        Path props = layout.nodeDir("kafka-1").resolve("data/server.properties");
        Files.createDirectories(props.getParent());
        Files.writeString(props, "process.roles=broker,controller\nnode.id=1\n");
        LocalCluster cluster = new LocalCluster(layout, null, Map.of(), false);

        IllegalStateException e = assertThrows(IllegalStateException.class, cluster::up);

        assertTrue(e.getMessage().contains("combined broker+controller"), e.getMessage());
        assertTrue(e.getMessage().contains("delete " + layout.dir()), e.getMessage());
        assertFalse(Files.exists(dir.resolve("layout.properties")), "nothing was written or started");
    }
}
