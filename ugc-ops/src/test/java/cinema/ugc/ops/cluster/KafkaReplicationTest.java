package cinema.ugc.ops.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cinema.ugc.ops.cluster.ClusterLayout.Topology;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KafkaReplicationTest {
    @Test
    void oneCopyPerBrokerUpToThreeAndTwoInSyncWhereThereAreTwo() {
        assertEquals(new KafkaReplication(1, 1), KafkaReplication.forBrokers(1));
        assertEquals(new KafkaReplication(2, 2), KafkaReplication.forBrokers(2));
        assertEquals(new KafkaReplication(3, 2), KafkaReplication.forBrokers(3));
        assertEquals(new KafkaReplication(3, 2), KafkaReplication.forBrokers(5));
    }

    @Test
    void aClusterWithoutBrokersOrMoreInSyncThanCopiesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KafkaReplication.forBrokers(0));
        assertThrows(IllegalArgumentException.class, () -> new KafkaReplication(2, 3));
    }

    @Test
    void theBrokersTheAppsAndTheDockerFilesAgree() {
        ClusterLayout layout = ClusterLayout.fixed(Path.of("cluster"), Topology.FULL, 20000);
        assertEquals(new KafkaReplication(3, 2), layout.kafkaReplication());
        var env = AppEnvironment.of(layout, 1, n -> "127.0.0.1", layout.kafkaBootstrap(), "data");
        assertEquals("3", env.get("UGC_KAFKA_REPLICATION"));
        assertEquals("2", env.get("UGC_KAFKA_MIN_INSYNC"));
        String compose = DeployFiles.render().get("docker-compose.yml");
        // three brokers and three controllers: the controllers apply the defaults to topics and leader elections
        assertEquals(6, compose.split("\"--replication\", \"3\", \"--min-insync\", \"2\"", -1).length - 1, compose);
    }
}
