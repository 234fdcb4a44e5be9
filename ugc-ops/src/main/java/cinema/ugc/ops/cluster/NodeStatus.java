package cinema.ugc.ops.cluster;

/**
 * One line of {@code ./ugc cluster status}.
 *
 * @param activeController this node is the KRaft quorum's active controller
 */
public record NodeStatus(
        String name,
        ClusterNode.Role role,
        long pid,
        boolean alive,
        boolean ready,
        int port,
        boolean activeController) {

    public String describe() {
        String state = !alive ? "down" : ready ? "ready" : "starting/unhealthy";
        return String.format(
                "%-18s %-10s port %-6d pid %-8s %s%s",
                name,
                role.name().toLowerCase(java.util.Locale.ROOT),
                port,
                alive ? Long.toString(pid) : "-",
                state,
                activeController ? " (active controller)" : "");
    }
}
