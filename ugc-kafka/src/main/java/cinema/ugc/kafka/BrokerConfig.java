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
 * @param host               the name clients and peers reach this node by; null: loopback only (127.0.0.1).
 *                           With a name (e.g. a Docker service), the node listens on all interfaces.
 */
public record BrokerConfig(
        int nodeId,
        Path dataDir,
        int port,
        int controllerPort,
        String voters,
        String clusterId,
        int internalReplication,
        int minInsync,
        String host) {

    public BrokerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        if (voters != null && (port == 0 || controllerPort == 0)) {
            throw new IllegalArgumentException("nodes of a multi-node cluster need fixed ports");
        }
    }

    /** A single combined node: RF 1 everywhere, the usual local default. */
    public static BrokerConfig single(Path dataDir, int port) {
        return new BrokerConfig(1, dataDir, port, 0, null, null, 1, 1, null);
    }

    public BrokerConfig withPorts(int newPort, int newControllerPort) {
        return new BrokerConfig(
                nodeId, dataDir, newPort, newControllerPort, voters, clusterId, internalReplication, minInsync, host);
    }

    public BrokerConfig withClusterId(String id) {
        return new BrokerConfig(
                nodeId, dataDir, port, controllerPort, voters, id, internalReplication, minInsync, host);
    }

    /** The quorum: the explicit voter list, or this node alone. */
    public String quorumVoters() {
        return voters != null ? voters : nodeId + "@" + advertisedHost() + ":" + controllerPort;
    }

    public String advertisedHost() {
        return host != null ? host : "127.0.0.1";
    }

    public String bindHost() {
        return host != null ? "0.0.0.0" : "127.0.0.1";
    }

    public Path logDir() {
        return dataDir.resolve("log");
    }
}
