package cinema.ugc.etl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.kafka.EmbeddedKafka;
import cinema.ugc.kafka.Topics;
import cinema.ugc.model.Event;
import cinema.ugc.model.config.Env;
import cinema.ugc.ops.servers.ClickHouseServer;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStores;
import cinema.ugc.store.StoreSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ClickHouse goes away for a while (at least 20 s and nine failed attempts after it is gone) while events keep
 * arriving; the ETL pauses, retries, resumes when the server is back and loses nothing.
 */
class EtlStoreOutageIT {
    private static final Logger log = LoggerFactory.getLogger(EtlStoreOutageIT.class);
    private static final String TOPIC = "ugc.events";

    @TempDir
    Path tmp;

    @Test
    void etlBacksOffDuringAClickHouseOutageAndLosesNothing() throws Exception {
        List<Event> produced = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        try (ClickHouseServer server = ClickHouseServer.start(tmp);
                EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0);
                KafkaProducer<byte[], byte[]> producer = TestEvents.producer(kafka.bootstrapServers());
                EventStore store = EventStores.open(StoreSettings.from(Env.of(Map.of(
                        "UGC_STORE",
                        "clickhouse",
                        "UGC_CLICKHOUSE_URL",
                        server.httpUrl(),
                        "UGC_CLICKHOUSE_DATABASE",
                        "outage"))))) {
            Topics.ensure(kafka.bootstrapServers(), TOPIC, 3, 1, 1, Duration.ofSeconds(30));
            store.migrate();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            EtlSettings settings = EtlSettings.defaults()
                    .withBatch(2_000, Duration.ofMillis(200))
                    .withRetry(Duration.ofMillis(500), Duration.ofSeconds(4))
                    .withGroup("outage");
            Random random = new Random(11);
            // Load: 200 events every 100 ms (2,000/s) for the whole test.
            load.scheduleAtFixedRate(
                    () -> {
                        List<Event> chunk = TestEvents.generate(random, 200);
                        TestEvents.send(producer, TOPIC, chunk);
                        produced.addAll(chunk);
                    },
                    0,
                    100,
                    TimeUnit.MILLISECONDS);
            try (Etl etl = new Etl(
                            settings, new EtlKafka(kafka.bootstrapServers(), TOPIC, "ugc.events.dlq"), store, registry)
                    .start()) {
                await().atMost(Duration.ofMinutes(1)).until(() -> etl.status().inserted() >= 2_000);
                server.stop();
                long insertedAtStop = etl.status().inserted();
                log.info("ClickHouse stopped after {} inserted rows", insertedAtStop);
                // Counted from the moment the server is gone: while it shuts down (up to ~10 s here) pooled
                // connections still insert and new ones are refused, so failures and successes alternate.
                double failuresAtStop =
                        registry.get("ugc.etl.store.failures").counter().count();
                long outageEnds = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                await().atMost(Duration.ofMinutes(1))
                        .until(() ->
                                registry.get("ugc.etl.store.failures").counter().count() >= failuresAtStop + 9
                                        && System.nanoTime() > outageEnds);
                // Between two attempts every loop backs off; a status read during an attempt shows WRITING.
                EtlStatus during = await().atMost(Duration.ofSeconds(10))
                        .until(etl::status, s -> s.state().equals("BACKOFF"));
                log.info("during the outage: {}", during);
                await().atMost(Duration.ofSeconds(30)).until(() -> etl.status().lag() >= 2_000);
                assertTrue(during.pending() <= 2 * settings.batchSize(), "paused partitions bound the batch");
                assertTrue(
                        during.inserted() - insertedAtStop <= settings.batchSize() + 10_000,
                        "nothing is inserted once the server is down, bar the batch in flight");
                server.restart();
                log.info("ClickHouse back");
                await().atMost(Duration.ofMinutes(1)).until(() -> etl.status().inserted() > during.inserted());
                load.shutdown();
                assertTrue(load.awaitTermination(1, TimeUnit.MINUTES));
                await().atMost(Duration.ofMinutes(2))
                        .until(() -> store.queries().countEvents() == produced.size());
                ExactlyOnce.assertCountedOnce(store.queries(), List.copyOf(produced));
                assertEquals("ACCUMULATING", etl.status().state());
                // the Etl exports the ClickHouse store's deduplication window (its figures: ClickHouseStoreIT)
                long held = store.dedupWindow().orElseThrow().identities();
                assertTrue(held > 0 && held <= produced.size(), "identities held: " + held);
                assertEquals(
                        held,
                        registry.get("ugc.etl.dedup.window.identities").gauge().value());
                assertEquals(
                        store.dedupWindow().orElseThrow().bytes(),
                        registry.get("ugc.etl.dedup.window").gauge().value());
            }
        } finally {
            load.shutdownNow();
        }
    }
}
