package cinema.ugc.kafka;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One KRaft node of an embedded cluster: a broker, a controller, or both in one process.
 *
 * @param nodeId             node.id, 1..n
 * @param dataDir            holds the log directory and the generated server.properties
 * @param port               client (PLAINTEXT) port; 0 picks a free one (single node only); unused by a controller
 * @param controllerPort     controller port; 0 picks a free one (single node only); unused by a broker-only node
 * @param voters             controller.quorum.voters ({@code 1@127.0.0.1:p1,...}); null for a single node
 * @param clusterId          cluster id to format with; null: reuse meta.properties or make a new one
 * @param internalReplication replication factor of internal topics and the default for new topics
 * @param minInsync          min.insync.replicas default (and of the transaction log)
 * @param host               the name clients and peers reach this node by; null: loopback only (127.0.0.1).
 *                           With a name (e.g. a Docker service), the node listens on all interfaces.
 * @param roles              {@code process.roles}; a node on its own ({@code voters} null) must be
 *                           {@link NodeRoles#COMBINED}
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
        String host,
        NodeRoles roles) {

    public BrokerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(roles, "roles");
        if (voters == null && roles != NodeRoles.COMBINED) {
            throw new IllegalArgumentException(
                    "a " + roles.processRoles() + " node needs the controller quorum (voters)");
        }
        if (voters != null && !fixedPorts(roles, port, controllerPort)) { // the fields are not assigned yet
            throw new IllegalArgumentException("nodes of a multi-node cluster need fixed ports");
        }
    }

    /** Whether every port this node's roles listen on is given (non-zero), as a restart in place needs. */
    public boolean hasFixedPorts() {
        return fixedPorts(roles, port, controllerPort);
    }

    private static boolean fixedPorts(NodeRoles roles, int port, int controllerPort) {
        return !(roles.broker() && port == 0) && !(roles.controller() && controllerPort == 0);
    }

    /** A single combined node: RF 1 everywhere, the usual local default. */
    public static BrokerConfig single(Path dataDir, int port) {
        return new BrokerConfig(1, dataDir, port, 0, null, null, 1, 1, null, NodeRoles.COMBINED);
    }

    public BrokerConfig withPorts(int newPort, int newControllerPort) {
        return new BrokerConfig(
                nodeId,
                dataDir,
                newPort,
                newControllerPort,
                voters,
                clusterId,
                internalReplication,
                minInsync,
                host,
                roles);
    }

    public BrokerConfig withClusterId(String id) {
        return new BrokerConfig(
                nodeId, dataDir, port, controllerPort, voters, id, internalReplication, minInsync, host, roles);
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
