package cinema.ugc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.kafka.KafkaSettings;
import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which roles each command runs, and the one start order (stopped in reverse) the service derives from them. */
class ServiceTest {
    private static final KafkaSettings EMBEDDED = KafkaSettings.from(Env.of(Map.of()));
    private static final KafkaSettings EXTERNAL = KafkaSettings.from(Env.of(Map.of("UGC_KAFKA_BOOTSTRAP", "k:9092")));

    @TempDir
    Path tmp;

    @Test
    void eachCommandRunsItsRolesAndTheBrokerOnlyWithoutAnExternalKafka() {
        assertEquals(
                Set.of(Role.BROKER, Role.API, Role.ETL), Roles.run(EMBEDDED).set());
        assertEquals(Set.of(Role.API, Role.ETL), Roles.run(EXTERNAL).set());
        assertEquals(Set.of(Role.BROKER, Role.API), Roles.api(EMBEDDED).set());
        assertEquals(Set.of(Role.API), Roles.api(EXTERNAL).set());
        assertEquals(Set.of(Role.ETL), Roles.etl(EXTERNAL).set());
        ConfigException e = assertThrows(ConfigException.class, () -> Roles.etl(EMBEDDED));
        assertTrue(e.getMessage().startsWith("UGC_KAFKA_BOOTSTRAP is empty"), e.getMessage());
    }

    @Test
    void onlyAProcessKeepingStateInTheDataDirectoryLocksIt() {
        assertTrue(Roles.run(EXTERNAL).ownsDataDir(), "its DuckDB file and ETL instance id");
        assertTrue(Roles.api(EMBEDDED).ownsDataDir(), "the broker's log");
        assertFalse(Roles.api(EXTERNAL).ownsDataDir());
        assertFalse(Roles.etl(EXTERNAL).ownsDataDir());
    }

    @Test
    void runStartsEveryComponentInOneOrder() {
        assertEquals(
                List.of(
                        "data directory lock",
                        "warm-up",
                        "embedded Kafka",
                        "topics",
                        "Vert.x",
                        "store",
                        "erasures",
                        "retention",
                        "ETL",
                        "ingest producer",
                        "erasure API",
                        "demo site",
                        "HTTP server"),
                steps(Roles.run(EMBEDDED)));
    }

    @Test
    void apiAndEtlStartTheirPartsOfTheSameOrder() {
        assertEquals(
                List.of(
                        "data directory lock",
                        "warm-up",
                        "embedded Kafka",
                        "topics",
                        "Vert.x",
                        "ingest producer",
                        "erasure API",
                        "HTTP server"),
                steps(Roles.api(EMBEDDED)));
        assertEquals(
                List.of("warm-up", "topics", "Vert.x", "ingest producer", "erasure API", "HTTP server"),
                steps(Roles.api(EXTERNAL)));
        assertEquals(
                List.of("warm-up", "topics", "Vert.x", "store", "erasures", "retention", "ETL", "HTTP server"),
                steps(Roles.etl(EXTERNAL)));
    }

    /** The order that loses nothing: no new events first, then the producer's flush, the ETL's drain, the store. */
    @Test
    void runStopsHttpThenProducerThenEtlThenStoreThenBroker() {
        List<String> stop = new ArrayList<>(steps(Roles.run(EMBEDDED)));
        Collections.reverse(stop);
        List<String> order =
                List.of("HTTP server", "ingest producer", "ETL", "store", "embedded Kafka", "data directory lock");
        for (int i = 1; i < order.size(); i++) {
            assertTrue(
                    stop.indexOf(order.get(i - 1)) < stop.indexOf(order.get(i)),
                    order.get(i - 1) + " must stop before " + order.get(i) + ": " + stop);
        }
    }

    @Test
    void anEtlOnlyProcessNeedsNoTokensAndServesOnTheEtlPort() throws Exception {
        Path data = tmp.resolve("data");
        Map<String, String> env = new HashMap<>(Map.of(
                "UGC_DATA_DIR",
                data.toString(),
                "UGC_KAFKA_BOOTSTRAP",
                "k:9092",
                "UGC_ETL_HTTP_PORT",
                "18481",
                "UGC_HTTP_PORT",
                "18482"));
        RunSettings etl = RunSettings.from(Env.of(env), Roles.etl(EXTERNAL));
        assertNull(etl.jwt());
        assertEquals(18481, etl.web().port());
        assertEquals(1, etl.web().instances());
        assertFalse(Files.exists(data.resolve("jwt-secret")), "an ETL must not generate a token secret");
        assertEquals(
                18482, RunSettings.from(Env.of(env), Roles.api(EXTERNAL)).web().port());
    }

    private List<String> steps(Roles roles) {
        RunSettings settings = RunSettings.from(
                Env.of(Map.of(
                        "UGC_DATA_DIR", tmp.toString(), "UGC_JWT_SECRET", "service-test-secret-of-at-least-32-bytes")),
                roles);
        return new Service(settings, roles)
                .steps().stream().map(Lifecycle.Step::name).toList();
    }
}
