package cinema.ugc.ops.cluster;

import cinema.ugc.ops.cluster.ClusterLayout.ClickHouseNode;
import cinema.ugc.ops.cluster.ClusterLayout.KafkaNode;
import cinema.ugc.ops.cluster.ClusterLayout.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** {@link ClusterLayout} to and from a flat properties file (one line per node, ports comma-separated). */
final class LayoutCodec {
    private LayoutCodec() {}

    static Properties encode(ClusterLayout l) {
        Topology t = l.topology();
        Properties p = new Properties();
        p.setProperty("topology", ints(t.brokers(), t.shards(), t.replicas(), t.apis(), t.etls()));
        p.setProperty("kafka.cluster.id", l.kafkaClusterId());
        p.setProperty("zookeeper.port", Integer.toString(l.zooKeeperPort()));
        l.kafka().forEach(k -> p.setProperty("kafka." + k.id(), ints(k.port(), k.controllerPort())));
        l.clickhouse()
                .forEach(c -> p.setProperty(
                        "clickhouse." + c.shard() + "." + c.replica(),
                        ints(c.httpPort(), c.tcpPort(), c.interserverPort())));
        p.setProperty(
                "api.ports",
                String.join(",", l.apiPorts().stream().map(String::valueOf).toList()));
        p.setProperty(
                "etl.ports",
                String.join(",", l.etlPorts().stream().map(String::valueOf).toList()));
        return p;
    }

    static ClusterLayout decode(Path dir, Properties p) {
        int[] t = parse(p.getProperty("topology"));
        Topology topology = new Topology(t[0], t[1], t[2], t[3], t[4]);
        List<KafkaNode> kafka = new ArrayList<>();
        for (int i = 1; i <= topology.brokers(); i++) {
            int[] ports = parse(p.getProperty("kafka." + i));
            kafka.add(new KafkaNode(i, ports[0], ports[1]));
        }
        List<ClickHouseNode> ch = new ArrayList<>();
        for (int s = 1; s <= topology.shards(); s++) {
            for (int r = 1; r <= topology.replicas(); r++) {
                int[] ports = parse(p.getProperty("clickhouse." + s + "." + r));
                ch.add(new ClickHouseNode(s, r, ports[0], ports[1], ports[2]));
            }
        }
        return new ClusterLayout(
                dir,
                topology,
                p.getProperty("kafka.cluster.id"),
                Integer.parseInt(p.getProperty("zookeeper.port")),
                kafka,
                ch,
                list(p.getProperty("api.ports")),
                list(p.getProperty("etl.ports")));
    }

    private static String ints(int... values) {
        return String.join(",", Arrays.stream(values).mapToObj(String::valueOf).toList());
    }

    private static int[] parse(String text) {
        if (text == null || text.isBlank()) {
            return new int[0];
        }
        return Arrays.stream(text.split(","))
                .mapToInt(s -> Integer.parseInt(s.trim()))
                .toArray();
    }

    private static List<Integer> list(String text) {
        return Arrays.stream(parse(text)).boxed().toList();
    }
}
