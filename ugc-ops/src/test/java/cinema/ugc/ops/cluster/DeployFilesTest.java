package cinema.ugc.ops.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed Docker files are exactly what the shared templates render: the two topologies cannot drift. */
class DeployFilesTest {
    private static final Path DEPLOY =
            Path.of(System.getProperty("basedir", ".")).resolve("../deploy");

    @Test
    void committedDockerFilesAreUpToDate() throws IOException {
        for (Map.Entry<String, String> f : DeployFiles.render().entrySet()) {
            Path file = DEPLOY.resolve(f.getKey());
            assertTrue(Files.isRegularFile(file), file + " is missing; run scripts/cluster-deploy-files.sh");
            assertEquals(
                    f.getValue(),
                    Files.readString(file),
                    file + " differs from the templates; run scripts/cluster-deploy-files.sh");
        }
    }

    @Test
    void composeNamesEveryNodeOfTheTopology() {
        String compose = DeployFiles.render().get("docker-compose.yml");
        for (String service :
                new String[] {"zookeeper:", "controller-3:", "kafka-3:", "clickhouse-s2r2:", "etl-2:", "api-2:"}) {
            assertTrue(compose.contains("\n  " + service), service);
        }
        String voters = "\"--voters\", \"101@controller-1:9093,102@controller-2:9093,103@controller-3:9093\"";
        assertTrue(compose.contains(voters + ", \"--cluster-id\""), compose);
        assertTrue(compose.contains("\"--roles\", \"controller\""), compose);
        assertTrue(compose.contains("\"--roles\", \"broker\""), compose);
        assertTrue(compose.contains("UGC_CLICKHOUSE_CLUSTER: \"ugc\""), compose);
        assertTrue(compose.contains("UGC_ETL_CONSUMERS: \"1\""), "one consumer thread per ETL instance: " + compose);
    }

    @Test
    void clickHouseReplicasReachEachOtherByServiceName() {
        String cluster = DeployFiles.render().get("docker/clickhouse-s1r2/ugc-cluster.xml");
        assertTrue(cluster.contains("<host>clickhouse-s2r1</host>"), cluster);
        assertTrue(cluster.contains("<replica>clickhouse-s1r2</replica>"), cluster);
        assertTrue(cluster.contains("<shard>1</shard>"), cluster);
    }
}
