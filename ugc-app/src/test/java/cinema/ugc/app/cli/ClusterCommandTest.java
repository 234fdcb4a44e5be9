package cinema.ugc.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cinema.ugc.model.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ./ugc cluster up} tells every API/ETL instance about authentication and where to listen. */
class ClusterCommandTest {

    @Test
    void withoutAConfiguredSecretEveryInstanceGetsTheClustersGeneratedOneOnLoopback(@TempDir Path dir)
            throws Exception {
        Map<String, String> env = ClusterCommand.appEnv(Env.of(Map.of()), dir);
        String secret = Files.readString(dir.resolve("jwt-secret")).trim();
        assertEquals(Map.of("UGC_JWT_SECRET", secret, "UGC_HTTP_HOST", "127.0.0.1"), env);
        assertEquals(env, ClusterCommand.appEnv(Env.of(Map.of()), dir), "a later up hands out the same secret");
        assertEquals(
                "0.0.0.0",
                ClusterCommand.appEnv(Env.of(Map.of("UGC_HTTP_HOST", "0.0.0.0")), dir)
                        .get("UGC_HTTP_HOST"),
                "an explicit host is kept");
    }

    @Test
    void aConfiguredSecretOrKeyIsInheritedAsIs(@TempDir Path dir) {
        assertEquals(Map.of(), ClusterCommand.appEnv(Env.of(Map.of("UGC_JWT_SECRET", "s".repeat(32))), dir));
        assertEquals(Map.of(), ClusterCommand.appEnv(Env.of(Map.of("UGC_JWT_PUBLIC_KEY", "/etc/auth.pem")), dir));
        assertEquals(false, Files.exists(dir.resolve("jwt-secret")));
    }

    @Test
    void theCallersEtlConsumersWinOverTheClustersOneThreadPerInstance(@TempDir Path dir) {
        assertEquals(
                Map.of("UGC_ETL_CONSUMERS", "3"),
                ClusterCommand.appEnv(Env.of(Map.of("UGC_ETL_CONSUMERS", "3", "UGC_JWT_SECRET", "s".repeat(32))), dir));
        assertEquals(
                "3",
                ClusterCommand.appEnv(Env.of(Map.of("UGC_ETL_CONSUMERS", "3")), dir)
                        .get("UGC_ETL_CONSUMERS"));
        assertEquals(
                false,
                ClusterCommand.appEnv(Env.of(Map.of()), dir).containsKey("UGC_ETL_CONSUMERS"),
                "unset: the cluster's own value (AppEnvironment.etl) stands");
    }
}
