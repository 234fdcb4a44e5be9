package cinema.ugc.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.kafka.BrokerConfig;
import cinema.ugc.kafka.NodeRoles;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node roles and the failover timeouts as Kafka itself reads them: a misspelt property name would be ignored by the broker, but
 * {@code getInt} of an unknown name throws, and a value Kafka rejects fails {@code fromProps}.
 */
class BrokerPropertiesTest {

    private static final String CONTROLLERS = "101@127.0.0.1:18794,102@127.0.0.1:18795,103@127.0.0.1:18796";

    @Test
    void aBrokerHeartbeatsOftenAndFollowsANewControllerSoon(@TempDir Path dir) {
        BrokerConfig broker = new BrokerConfig(2, dir, 18792, 0, CONTROLLERS, null, 3, 2, null, NodeRoles.BROKER);
        Properties props = BrokerProperties.of(broker);
        KafkaConfig config = KafkaConfig.fromProps(props, false);

        assertEquals("broker", props.getProperty("process.roles"));
        assertEquals("PLAINTEXT://127.0.0.1:18792", props.getProperty("listeners"));
        assertEquals(BrokerProperties.HEARTBEAT_INTERVAL_MS, config.getInt("broker.heartbeat.interval.ms"));
        assertFalse(props.containsKey("broker.session.timeout.ms"), "the session is the controllers' setting");
        assertEquals(BrokerProperties.QUORUM_FETCH_TIMEOUT_MS, config.getInt("controller.quorum.fetch.timeout.ms"));
    }

    @Test
    void aControllerFencesASilentBrokerAndElectsANewLeaderWithinTheShortTimeouts(@TempDir Path dir) {
        BrokerConfig controller =
                new BrokerConfig(102, dir, 0, 18795, CONTROLLERS, null, 3, 2, null, NodeRoles.CONTROLLER);
        Properties props = BrokerProperties.of(controller);
        KafkaConfig config = KafkaConfig.fromProps(props, false);

        assertEquals("controller", props.getProperty("process.roles"));
        assertEquals("CONTROLLER://127.0.0.1:18795", props.getProperty("listeners"));
        int session = config.getInt("broker.session.timeout.ms");
        assertEquals(BrokerProperties.SESSION_TIMEOUT_MS, session);
        assertTrue(
                4 * BrokerProperties.HEARTBEAT_INTERVAL_MS <= session,
                "a broker may miss three heartbeats in a row without being fenced");
        assertFalse(props.containsKey("broker.heartbeat.interval.ms"), "the heartbeat is the brokers' setting");
        assertFalse(props.containsKey("inter.broker.listener.name"), props.toString());
        assertEquals(BrokerProperties.QUORUM_FETCH_TIMEOUT_MS, config.getInt("controller.quorum.fetch.timeout.ms"));
        assertEquals(
                BrokerProperties.QUORUM_ELECTION_TIMEOUT_MS, config.getInt("controller.quorum.election.timeout.ms"));
        assertEquals(
                BrokerProperties.QUORUM_ELECTION_TIMEOUT_MS,
                config.getInt("controller.quorum.election.backoff.max.ms"));
    }

    @Test
    void nodesReachedByAServiceNameListenOnAllInterfacesAndAdvertiseTheName(@TempDir Path dir) {
        String voters = "101@controller-1:9093,102@controller-2:9093,103@controller-3:9093";
        Properties controller = BrokerProperties.of(
                new BrokerConfig(101, dir, 0, 9093, voters, null, 3, 2, "controller-1", NodeRoles.CONTROLLER));
        Properties broker =
                BrokerProperties.of(new BrokerConfig(1, dir, 9092, 0, voters, null, 3, 2, "kafka-1", NodeRoles.BROKER));
        KafkaConfig.fromProps(controller, false);
        KafkaConfig.fromProps(broker, false);

        assertEquals("CONTROLLER://0.0.0.0:9093", controller.getProperty("listeners"));
        assertEquals("CONTROLLER://controller-1:9093", controller.getProperty("advertised.listeners"));
        assertEquals("PLAINTEXT://kafka-1:9092", broker.getProperty("advertised.listeners"));
    }

    @Test
    void aBrokerOrControllerOnlyNodeNeedsTheQuorum(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new BrokerConfig(1, dir, 18792, 0, null, null, 1, 1, null, NodeRoles.BROKER));
        assertTrue(e.getMessage().contains("voters"), e.getMessage());
    }

    @Test
    void aSingleNodeKeepsKafkasDefaultsSinceFencingItsOnlyBrokerWouldTakeEveryPartitionOffline(@TempDir Path dir) {
        KafkaConfig config = KafkaConfig.fromProps(
                BrokerProperties.of(BrokerConfig.single(dir, 18791).withPorts(18791, 18793)), false);

        assertEquals(9_000, config.getInt("broker.session.timeout.ms"));
        assertEquals(2_000, config.getInt("broker.heartbeat.interval.ms"));
        assertEquals(2_000, config.getInt("controller.quorum.fetch.timeout.ms"));
    }
}
