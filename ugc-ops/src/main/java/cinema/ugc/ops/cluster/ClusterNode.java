package cinema.ugc.ops.cluster;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One process of the local cluster: how to start it, and how to tell it serves.
 *
 * @param port the port clients use (Kafka client port, controller port, ClickHouse HTTP, API/ETL HTTP)
 */
public record ClusterNode(
        String name,
        Role role,
        NodeProcess process,
        List<String> command,
        Map<String, String> env,
        BooleanSupplier ready,
        int port) {

    public enum Role {
        ZOOKEEPER,
        CONTROLLER,
        KAFKA,
        CLICKHOUSE,
        API,
        ETL
    }

    public boolean alive() {
        return process.alive();
    }

    public boolean isReady() {
        return process.alive() && ready.getAsBoolean();
    }
}
