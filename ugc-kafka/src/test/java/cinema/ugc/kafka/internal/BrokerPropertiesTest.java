package cinema.ugc.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.kafka.BrokerConfig;
import java.nio.file.Path;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failover timeouts as Kafka itself reads them: a misspelt property name would be ignored by the broker, but
 * {@code getInt} of an unknown name throws, and a value Kafka rejects fails {@code fromProps}.
 */
class BrokerPropertiesTest {

    @Test
    void aNodeOfAQuorumFencesASilentBrokerAndElectsAControllerWithinTheShortTimeouts(@TempDir Path dir) {
        BrokerConfig node = new BrokerConfig(
                2, dir, 18792, 18795, "1@127.0.0.1:18794,2@127.0.0.1:18795,3@127.0.0.1:18796", null, 3, 2, null);
        KafkaConfig config = KafkaConfig.fromProps(BrokerProperties.of(node), false);

        int heartbeat = config.getInt("broker.heartbeat.interval.ms");
        int session = config.getInt("broker.session.timeout.ms");
        assertEquals(BrokerProperties.HEARTBEAT_INTERVAL_MS, heartbeat);
        assertEquals(BrokerProperties.SESSION_TIMEOUT_MS, session);
        assertTrue(4 * heartbeat <= session, "a broker may miss three heartbeats in a row without being fenced");
        assertEquals(BrokerProperties.QUORUM_FETCH_TIMEOUT_MS, config.getInt("controller.quorum.fetch.timeout.ms"));
        assertEquals(
                BrokerProperties.QUORUM_ELECTION_TIMEOUT_MS, config.getInt("controller.quorum.election.timeout.ms"));
        assertEquals(
                BrokerProperties.QUORUM_ELECTION_TIMEOUT_MS,
                config.getInt("controller.quorum.election.backoff.max.ms"));
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
