package cinema.ugc.ops.cluster;

import cinema.ugc.ops.cluster.ClusterLayout.ClickHouseNode;
import cinema.ugc.ops.cluster.ClusterLayout.KafkaNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The docker-compose.yml text for {@link DeployFiles}: one service per node of the layout. */
final class ComposeFile {
    private ComposeFile() {}

    static String render(ClusterLayout layout, String bootstrap) {
        StringBuilder y = new StringBuilder(DeployFiles.header());
        y.append("""
                # The topology of `./ugc cluster up` for Docker users: ZooKeeper, 3 KRaft controllers and 3 Kafka brokers
                # (RF 3, min ISR 2), ClickHouse 18.16 2 shards x 2 replicas, 2 ETL and 2 API instances. Docker cannot run on
                # the machine this was written on: these files are generated and checked (DeployFilesTest), not exercised.
                #   docker compose -f deploy/docker-compose.yml up --build      (UGC_JWT_SECRET must be set, >= 32 bytes)
                name: ugc
                x-app: &app
                  image: ugc:latest
                  build: { context: .., dockerfile: deploy/Dockerfile }
                  restart: unless-stopped
                services:
                  zookeeper:
                    image: zookeeper:3.8
                    restart: unless-stopped
                    volumes: ["./docker/zookeeper/zoo.cfg:/conf/zoo.cfg:ro", "zookeeper:/data"]
                """);
        layout.controllers().forEach(c -> kafkaNode(y, c.name(), DeployFiles.controllerCommand(layout, c)));
        layout.kafka().forEach(k -> kafkaNode(y, k.name(), DeployFiles.kafkaCommand(layout, k)));
        layout.clickhouse().forEach(c -> clickHouse(y, c));
        for (int k = 1; k <= layout.etlPorts().size(); k++) {
            app(
                    y,
                    layout,
                    "etl-" + k,
                    k,
                    "cinema.ugc.app.Main etl",
                    "UGC_ETL_HTTP_PORT",
                    layout.etlPorts().get(k - 1),
                    8090 + k,
                    bootstrap);
        }
        for (int k = 1; k <= layout.apiPorts().size(); k++) {
            app(
                    y,
                    layout,
                    "api-" + k,
                    k,
                    "cinema.ugc.app.Main api",
                    "UGC_HTTP_PORT",
                    layout.apiPorts().get(k - 1),
                    8079 + k,
                    bootstrap);
        }
        y.append("volumes:\n  zookeeper:\n");
        layout.controllers().forEach(c -> y.append("  ").append(c.name()).append(":\n"));
        layout.kafka().forEach(k -> y.append("  ").append(k.name()).append(":\n"));
        layout.clickhouse().forEach(c -> y.append("  ").append(c.name()).append(":\n"));
        return y.toString();
    }

    private static void kafkaNode(StringBuilder y, String name, List<String> command) {
        y.append("  ")
                .append(name)
                .append(":\n    <<: *app\n    hostname: ")
                .append(name)
                .append("\n    command: ")
                .append(json(command))
                .append("\n    volumes: [\"")
                .append(name)
                .append(":")
                .append(DeployFiles.KAFKA_DATA)
                .append("\"]\n");
    }

    private static void clickHouse(StringBuilder y, ClickHouseNode c) {
        String dir = "./docker/" + c.name() + "/";
        y.append("  ")
                .append(c.name())
                .append(":\n    image: yandex/clickhouse-server:18.16\n    hostname: ")
                .append(c.name())
                .append("\n    restart: unless-stopped\n    depends_on: [zookeeper]\n")
                .append("    ulimits: { nofile: { soft: 262144, hard: 262144 } }\n    volumes:\n")
                .append("      - ")
                .append(dir)
                .append("ugc-node.xml:/etc/clickhouse-server/config.d/ugc-node.xml:ro\n")
                .append("      - ")
                .append(dir)
                .append("ugc-cluster.xml:/etc/clickhouse-server/config.d/ugc-cluster.xml:ro\n")
                .append("      - ")
                .append(c.name())
                .append(":/var/lib/clickhouse\n");
    }

    private static void app(
            StringBuilder y,
            ClusterLayout layout,
            String name,
            int k,
            String main,
            String portKey,
            int port,
            int hostPort,
            String bootstrap) {
        Map<String, String> env =
                new java.util.TreeMap<>(AppEnvironment.of(layout, k, ClickHouseNode::name, bootstrap, "/data"));
        env.put(portKey, Integer.toString(port));
        if (name.startsWith("api")) {
            env.put("UGC_JWT_SECRET", "${UGC_JWT_SECRET:?set UGC_JWT_SECRET (at least 32 bytes)}");
        } else {
            env.putAll(AppEnvironment.etl(name));
        }
        List<String> cmd = new java.util.ArrayList<>(List.of("java", "-Xmx512m", "-cp", DeployFiles.APP_CLASSPATH));
        cmd.addAll(List.of(main.split(" ")));
        y.append("  ")
                .append(name)
                .append(":\n    <<: *app\n    command: ")
                .append(json(cmd))
                .append("\n    depends_on: [")
                .append(String.join(", ", dependencies(layout)))
                .append("]\n")
                .append("    ports: [\"")
                .append(hostPort)
                .append(":")
                .append(port)
                .append("\"]\n")
                .append("    environment:\n");
        env.forEach((key, v) ->
                y.append("      ").append(key).append(": \"").append(v).append("\"\n"));
    }

    private static List<String> dependencies(ClusterLayout layout) {
        List<String> deps = new java.util.ArrayList<>(
                layout.kafka().stream().map(KafkaNode::name).toList());
        deps.addAll(layout.clickhouse().stream().map(ClickHouseNode::name).toList());
        return deps;
    }

    private static String json(List<String> args) {
        return args.stream()
                .map(a -> "\"" + a.replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
