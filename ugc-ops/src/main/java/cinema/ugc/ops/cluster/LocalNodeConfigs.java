package cinema.ugc.ops.cluster;

import cinema.ugc.ops.cluster.ClusterLayout.ClickHouseNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the configuration files of the local cluster's nodes into their directories: ZooKeeper's zoo.cfg, and for
 * each ClickHouse server the stock config.xml and users.xml with the rendered config.d over them.
 */
final class LocalNodeConfigs {
    private static final Path CLICKHOUSE_SYSTEM_CONFIG = Path.of("/etc/clickhouse-server");
    private static final String LOOPBACK = "127.0.0.1";

    private LocalNodeConfigs() {}

    static void write(ClusterLayout layout) {
        Path zk = layout.nodeDir("zookeeper");
        write(
                zk.resolve("zoo.cfg"),
                ClusterConfigs.zooCfg(zk.resolve("data").toString(), layout.zooKeeperPort(), LOOPBACK));
        layout.clickhouse().forEach(c -> writeClickHouse(layout, c));
    }

    private static void writeClickHouse(ClusterLayout layout, ClickHouseNode c) {
        Path dir = layout.nodeDir(c.name());
        copyStockConfig(dir);
        write(
                dir.resolve("config.d/ugc-node.xml"),
                ClusterConfigs.clickHouseNode(
                        c,
                        LOOPBACK,
                        dir.resolve("data").toString(),
                        dir.resolve("log").toString()));
        write(
                dir.resolve("config.d/ugc-cluster.xml"),
                ClusterConfigs.clickHouseCluster(layout, c, n -> LOOPBACK, LOOPBACK, layout.zooKeeperPort()));
    }

    private static void copyStockConfig(Path dir) {
        try {
            Files.createDirectories(dir.resolve("config.d"));
            Files.createDirectories(dir.resolve("log"));
            for (String file : new String[] {"config.xml", "users.xml"}) {
                Files.copy(
                        CLICKHOUSE_SYSTEM_CONFIG.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + " (is clickhouse-server installed?)", e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
