package cinema.ugc.app.etl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.app.AppChild;
import cinema.ugc.etl.ExactlyOnce;
import cinema.ugc.etl.GroupProgress;
import cinema.ugc.etl.TestEvents;
import cinema.ugc.kafka.EmbeddedKafka;
import cinema.ugc.kafka.Topics;
import cinema.ugc.model.Event;
import cinema.ugc.model.config.Env;
import cinema.ugc.ops.servers.ClickHouseServer;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStores;
import cinema.ugc.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ETL runs as a separate JVM and is SIGKILLed at random moments while events keep arriving, then restarted; at
 * the end every acknowledged event is in the store and every analytics query counts it once.
 */
class EtlCrashIT {
    private static final Logger log = LoggerFactory.getLogger(EtlCrashIT.class);
    private static final String TOPIC = "ugc.events";
    private static final int ROUNDS = 6;
    private static final int PER_ROUND = 10_000;

    @TempDir
    Path tmp;

    @Test
    void sigkilledEtlDeliversEveryEventExactlyOnceInEffectIntoClickHouse() throws Exception {
        try (ClickHouseServer server = ClickHouseServer.start(tmp)) {
            Map<String, String> storeEnv = Map.of(
                    "UGC_STORE",
                    "clickhouse",
                    "UGC_CLICKHOUSE_URL",
                    server.httpUrl(),
                    "UGC_CLICKHOUSE_DATABASE",
                    "crash");
            try (EventStore store = EventStores.open(StoreSettings.from(Env.of(storeEnv)))) {
                store.migrate();
                List<Event> produced = crashAndRecover(storeEnv);
                ExactlyOnce.assertCountedOnce(store.queries(), produced);
            }
        }
    }

    /** The embedded store's run of the same crash test (the default store of the one-command run; about 20 s). */
    @Test
    void sigkilledEtlDeliversEveryEventExactlyOnceInEffectIntoDuckDb() throws Exception {
        Path file = tmp.resolve("ugc.duckdb");
        List<Event> produced = crashAndRecover(Map.of("UGC_STORE", "duckdb", "UGC_DUCKDB_PATH", file.toString()));
        try (EventStore store = EventStores.open(StoreSettings.duckdb(file))) {
            ExactlyOnce.assertCountedOnce(store.queries(), produced);
        }
    }

    /** Runs the kill/restart rounds against the store named in {@code storeEnv}; returns the acknowledged events. */
    private List<Event> crashAndRecover(Map<String, String> storeEnv) throws Exception {
        Random random = new Random();
        List<Event> produced = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0);
                KafkaProducer<byte[], byte[]> producer = TestEvents.producer(kafka.bootstrapServers())) {
            String bootstrap = kafka.bootstrapServers();
            Topics.ensure(bootstrap, TOPIC, 3, 1, 1, Duration.ofSeconds(30));
            Map<String, String> env = childEnv(bootstrap, storeEnv);
            Path log = tmp.resolve("etl.log");
            for (int round = 0; round < ROUNDS; round++) {
                try (AppChild child = AppChild.etl(env, log)) {
                    List<Event> batch = TestEvents.generate(random, PER_ROUND);
                    TestEvents.send(producer, TOPIC, batch);
                    produced.addAll(batch);
                    long target = 1 + random.nextInt(PER_ROUND);
                    await().atMost(Duration.ofMinutes(2))
                            .pollInterval(Duration.ofMillis(20))
                            .until(() -> child.consumed() >= target || !child.alive());
                    child.kill();
                    EtlCrashIT.log.info(
                            "round {}: SIGKILL after {} consumed records; {} uncommitted of {}",
                            round,
                            target,
                            GroupProgress.uncommitted(bootstrap, "crash-etl", TOPIC),
                            produced.size());
                }
            }
            try (AppChild child = AppChild.etl(env, log)) {
                // ready first: the group may have committed everything before this child runs, and a SIGTERM that
                // arrives while the JVM starts ends it before its shutdown hook exists
                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> child.ready() && GroupProgress.uncommitted(bootstrap, "crash-etl", TOPIC) == 0);
                // The JVM reports death by SIGTERM as 143 even after its shutdown hook flushed and committed.
                assertEquals(143, child.terminate(), "SIGTERM exits through the shutdown hook");
                String text = java.nio.file.Files.readString(log);
                assertTrue(
                        text.contains("ETL stopped"),
                        () -> "the loop ended cleanly; the log ends with:\n"
                                + text.substring(Math.max(0, text.length() - 4_000)));
            }
        }
        return produced;
    }

    private static Map<String, String> childEnv(String bootstrap, Map<String, String> storeEnv) {
        Map<String, String> env = new HashMap<>(storeEnv);
        env.put("UGC_KAFKA_BOOTSTRAP", bootstrap);
        env.put("UGC_KAFKA_PARTITIONS", "3");
        env.put("UGC_ETL_GROUP", "crash-etl");
        env.put("UGC_ETL_INSTANCE_ID", "crash-etl-1");
        env.put("UGC_ETL_BATCH_SIZE", "2000");
        env.put("UGC_ETL_BATCH_AGE", "300ms");
        env.put("UGC_ETL_RETRY_MAX", "2s");
        return env;
    }
}
