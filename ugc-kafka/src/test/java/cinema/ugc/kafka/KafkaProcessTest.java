package cinema.ugc.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child JVM's command line carries a node's roles there and back; a single node's stays as it was. */
class KafkaProcessTest {
    private static final String VOTERS = "101@127.0.0.1:18794,102@127.0.0.1:18795,103@127.0.0.1:18796";

    @Test
    void controllerAndBrokerOnlyNodesSurviveTheCommandLine(@TempDir Path dir) {
        for (BrokerConfig c : List.of(
                new BrokerConfig(101, dir, 0, 18794, VOTERS, "id", 3, 2, null, NodeRoles.CONTROLLER),
                new BrokerConfig(1, dir, 18791, 0, VOTERS, "id", 3, 2, "kafka-1", NodeRoles.BROKER))) {
            assertEquals(c, KafkaProcess.parse(KafkaProcess.arguments(c).toArray(String[]::new)));
        }
    }

    @Test
    void aSingleNodeNeedsNoRolesArgument(@TempDir Path dir) {
        BrokerConfig single = BrokerConfig.single(dir, 18791).withPorts(18791, 18793);
        List<String> args = KafkaProcess.arguments(single);

        assertFalse(args.contains("--roles"), args.toString());
        assertEquals(
                NodeRoles.COMBINED,
                KafkaProcess.parse(args.toArray(String[]::new)).roles());
    }

    @Test
    void anUnknownRoleIsNamedInTheError(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> KafkaProcess.parse(new String[] {"--data-dir", dir.toString(), "--roles", "observer"}));
        assertEquals(
                "process roles must be one of [broker,controller, broker, controller], not observer", e.getMessage());
    }
}
