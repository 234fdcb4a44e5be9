package cinema.ugc.ops.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.ops.cluster.ClusterLayout.Topology;
import cinema.ugc.ops.cluster.ClusterNode.Role;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ClickHouse starts only once ZooKeeper serves (a 18.16 server started without it crashes on its first ON CLUSTER
 * statement): a real ZooKeeper whose port is taken exits, and nothing of the next wave is launched.
 */
class LocalClusterStartOrderIT {
    @TempDir
    Path dir;

    @Test
    void whenZooKeeperCannotServeNoOtherNodeIsStarted() throws Exception {
        ClusterLayout layout = ClusterLayout.freePorts(dir, new Topology(1, 1, 1, 0, 0));
        try (ServerSocket taken = new ServerSocket(layout.zooKeeperPort(), 50, InetAddress.getLoopbackAddress());
                LocalCluster cluster = new LocalCluster(layout, null, Map.of(), false)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, cluster::up);

            assertTrue(e.getMessage().startsWith("zookeeper exited"), e.getMessage());
            for (Role role : List.of(Role.CONTROLLER, Role.KAFKA, Role.CLICKHOUSE)) {
                for (ClusterNode n : cluster.nodes(role)) {
                    assertFalse(Files.exists(layout.nodeDir(n.name()).resolve("pid")), n.name() + " was started");
                }
            }
        }
    }

    @Test
    void aClickHouseServerIsNotStartedAloneWhileZooKeeperIsDown() {
        ClusterLayout layout = ClusterLayout.freePorts(dir, new Topology(1, 1, 1, 0, 0));
        try (LocalCluster cluster = new LocalCluster(layout, null, Map.of(), false)) {
            String name = cluster.nodes(Role.CLICKHOUSE).get(0).name();

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> cluster.start(name));

            assertTrue(e.getMessage().contains("ZooKeeper is not serving"), e.getMessage());
            assertTrue(e.getMessage().contains("cluster start zookeeper"), e.getMessage());
            assertFalse(Files.exists(layout.nodeDir(name).resolve("pid")), name + " was started");
        }
    }
}
