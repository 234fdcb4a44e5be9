package cinema.ugc.kafka;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One KRaft node (broker and controller in one process) of an embedded cluster.
 *
 * @param nodeId             node.id, 1..n
 * @param dataDir            holds the log directory and the generated server.properties
 * @param port               client (PLAINTEXT) port; 0 picks a free one
 * @param controllerPort     controller port; 0 picks a free one (single node only)
 * @param voters             controller.quorum.voters ({@code 1@127.0.0.1:p1,...}); null for a single node
 * @param clusterId          cluster id to format with; null: reuse meta.properties or make a new one
 * @param internalReplication replication factor of internal topics and the default for new topics
 * @param minInsync          min.insync.replicas default (and of the transaction log)
 */
public record BrokerConfig(int nodeId, Path dataDir, int port, int controllerPort, String voters, String clusterId,
                           int internalReplication, int minInsync) {

    public BrokerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        if (voters != null && (port == 0 || controllerPort == 0)) {
            throw new IllegalArgumentException("nodes of a multi-node cluster need fixed ports");
        }
    }

    /** A single combined node: RF 1 everywhere, the usual local default. */
    public static BrokerConfig single(Path dataDir, int port) {
        return new BrokerConfig(1, dataDir, port, 0, null, null, 1, 1);
    }

    public BrokerConfig withPorts(int newPort, int newControllerPort) {
        return new BrokerConfig(nodeId, dataDir, newPort, newControllerPort, voters, clusterId,
                internalReplication, minInsync);
    }

    public BrokerConfig withClusterId(String id) {
        return new BrokerConfig(nodeId, dataDir, port, controllerPort, voters, id, internalReplication, minInsync);
    }

    /** The quorum: the explicit voter list, or this node alone. */
    public String quorumVoters() {
        return voters != null ? voters : nodeId + "@127.0.0.1:" + controllerPort;
    }

    public Path logDir() {
        return dataDir.resolve("log");
    }
}
