package cinema.ugc.ops.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.kafka.BrokerConfig;
import cinema.ugc.kafka.NodeRoles;
import cinema.ugc.kafka.internal.BrokerProperties;
import cinema.ugc.ops.cluster.ClusterLayout.ControllerNode;
import cinema.ugc.ops.cluster.ClusterLayout.KafkaNode;
import cinema.ugc.ops.cluster.ClusterLayout.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka nodes of the local cluster: three controller-only voters, three broker-only nodes that follow them. */
class ClusterConfigsTest {
    private static final int BASE = 20_000;

    @Test
    void theQuorumIsTheThreeControllersAndNoBroker(@TempDir Path dir) {
        ClusterLayout layout = ClusterLayout.fixed(dir, Topology.FULL, BASE);

        assertEquals(
                List.of("controller-1", "controller-2", "controller-3"),
                layout.controllers().stream().map(ControllerNode::name).toList());
        assertEquals(
                "101@127.0.0.1:29191,102@127.0.0.1:29192,103@127.0.0.1:29193", layout.kafkaVoters(c -> "127.0.0.1"));
        assertEquals("127.0.0.1:29191,127.0.0.1:29192,127.0.0.1:29193", layout.controllerBootstrap());
        assertEquals("127.0.0.1:29091,127.0.0.1:29092,127.0.0.1:29093", layout.kafkaBootstrap());
    }

    @Test
    void aBrokerServesClientsOnlyAndAControllerTheQuorumOnly(@TempDir Path dir) {
        ClusterLayout layout = ClusterLayout.fixed(dir, Topology.FULL, BASE);
        String voters = layout.kafkaVoters(c -> "127.0.0.1");
        KafkaNode k2 = layout.kafka().get(1);
        BrokerConfig broker = ClusterConfigs.broker(layout, k2, dir.resolve("kafka-2"), voters, null);
        BrokerConfig controller =
                ClusterConfigs.controller(layout, k2.controller(), dir.resolve("controller-2"), voters, null);

        assertEquals(NodeRoles.BROKER, broker.roles());
        assertEquals(2, broker.nodeId());
        assertEquals(NodeRoles.CONTROLLER, controller.roles());
        assertEquals(102, controller.nodeId());
        Properties b = BrokerProperties.of(broker);
        Properties c = BrokerProperties.of(controller);
        KafkaConfig.fromProps(b, false); // Kafka's own checks of the role, the listeners and the voters
        KafkaConfig.fromProps(c, false);
        assertEquals("PLAINTEXT://127.0.0.1:29092", b.getProperty("listeners"));
        assertEquals("CONTROLLER://127.0.0.1:29192", c.getProperty("listeners"));
        assertEquals(voters, b.getProperty("controller.quorum.voters"));
        assertEquals(voters, c.getProperty("controller.quorum.voters"));
        assertTrue(b.containsKey("broker.heartbeat.interval.ms") && !b.containsKey("broker.session.timeout.ms"));
        assertTrue(c.containsKey("broker.session.timeout.ms") && !c.containsKey("broker.heartbeat.interval.ms"));
        for (Properties p : List.of(b, c)) {
            assertEquals("3", p.getProperty("default.replication.factor"));
            assertEquals("2", p.getProperty("min.insync.replicas"));
            assertEquals("false", p.getProperty("unclean.leader.election.enable"));
        }
    }

    @Test
    void theLayoutFileKeepsOneLinePerBrokerAndItsControllerPartner(@TempDir Path dir) {
        ClusterLayout layout = ClusterLayout.fixed(dir, Topology.FULL, BASE);
        Properties p = LayoutCodec.encode(layout);

        assertEquals("29091,29191", p.getProperty("kafka.1"));
        assertFalse(p.stringPropertyNames().stream().anyMatch(k -> k.startsWith("controller")), p.toString());
        assertEquals(layout, LayoutCodec.decode(layout.dir(), p));
    }
}
