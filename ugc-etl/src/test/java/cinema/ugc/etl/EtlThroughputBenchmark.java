package cinema.ugc.etl;

import cinema.ugc.kafka.EmbeddedKafka;
import cinema.ugc.kafka.Topics;
import cinema.ugc.model.config.Env;
import cinema.ugc.store.EventStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.apache.commons.io.file.PathUtils;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * ETL throughput from a pre-filled topic into ClickHouse and into DuckDB (a benchmark, not a test):
 * {@code mvn -B -q -pl ugc-etl test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=cinema.ugc.etl.EtlThroughputBenchmark -Dexec.args="2000000 clickhouse,duckdb"}; further
 * arguments: partitions (6), the ETL's batch size (UGC_ETL_BATCH_SIZE's default, 10,000), its consumer threads
 * (UGC_ETL_CONSUMERS's default, 2) and warm-up rows (0). Prints rows/s over the whole run (from start, group join
 * included) and over the steady middle (10 % → 90 %), and where the CPU went ({@link CpuBreakdown}).
 *
 * <p>Warm-up: that many other events, from a topic of their own, go through an ETL into the same store first, so the
 * measured run starts with compiled code — as a long-running ETL catching up a backlog does. Without it, the JIT's own
 * compiling is a noticeable share of the CPU per row (docs/benchmarks.md#etl).
 */
public final class EtlThroughputBenchmark {
    private static final String TOPIC = "ugc.events";
    private static final String WARMUP_TOPIC = "ugc.events.warmup";

    private EtlThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        String[] stores = (args.length > 1 ? args[1] : "clickhouse,duckdb").split(",");
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        Map<String, String> etlEnv = new java.util.HashMap<>();
        if (args.length > 3) {
            etlEnv.put("UGC_ETL_BATCH_SIZE", args[3]);
        }
        if (args.length > 4) {
            etlEnv.put("UGC_ETL_CONSUMERS", args[4]);
        }
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        Path tmp = Files.createTempDirectory("etl-bench-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0)) {
            // Both topics before any load: see awaitLeaders.
            Topics.ensure(kafka.bootstrapServers(), TOPIC, partitions, 1, 1, Duration.ofSeconds(30));
            if (warmup > 0) {
                Topics.ensure(kafka.bootstrapServers(), WARMUP_TOPIC, partitions, 1, 1, Duration.ofSeconds(30));
                prefill(kafka.bootstrapServers(), WARMUP_TOPIC, warmup, partitions, 7);
            }
            prefill(kafka.bootstrapServers(), TOPIC, n, partitions, 42);
            for (String store : stores) {
                run(store.trim(), kafka.bootstrapServers(), n, warmup, tmp, etlEnv);
            }
        } finally {
            PathUtils.deleteDirectory(tmp);
        }
        System.exit(0);
    }

    private static void prefill(String bootstrap, String topic, int n, int partitions, long seed) {
        long start = System.nanoTime();
        Random random = new Random(seed);
        try (KafkaProducer<byte[], byte[]> producer = TestEvents.producer(bootstrap)) {
            awaitLeaders(producer, topic);
            for (int sent = 0; sent < n; sent += 10_000) {
                TestEvents.send(producer, topic, TestEvents.generate(random, Math.min(10_000, n - sent)));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "prefilled %,d events into %d partitions of %s in %.1f s%n",
                n,
                partitions,
                topic,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * A topic created a moment ago may not have its leaders yet. Created right after a million-event pre-fill, the
     * broker's metadata already named a leader while its replica manager answered NOT_LEADER_OR_FOLLOWER; the
     * idempotent producer's retry then hit OutOfOrderSequenceException and no send completed within a minute. Hence
     * the topics are created before any load, and the benchmark waits for their leaders.
     */
    private static void awaitLeaders(KafkaProducer<byte[], byte[]> producer, String topic) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (producer.partitionsFor(topic).stream()
                .anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " has partitions without a leader after 30 s");
            }
            LockSupport.parkNanos(100_000_000);
        }
    }

    private static void run(String kind, String bootstrap, int n, int warmup, Path tmp, Map<String, String> etlEnv) {
        try (BenchStore bench = BenchStore.open(kind, tmp)) {
            EventStore store = bench.store();
            EtlSettings settings = EtlSettings.from(Env.of(etlEnv)).withGroup("bench-" + kind);
            if (warmup > 0) {
                warmUp(store, settings.withGroup("warmup-" + kind), bootstrap, warmup);
            }
            try (Etl etl = new Etl(
                    settings, new EtlKafka(bootstrap, TOPIC, "ugc.events.dlq"), store, new SimpleMeterRegistry())) {
                measure(kind, store, etl.start(), n, warmup, settings);
            }
        }
    }

    private static void warmUp(EventStore store, EtlSettings settings, String bootstrap, int rows) {
        long start = System.nanoTime();
        try (Etl etl = new Etl(
                        settings,
                        new EtlKafka(bootstrap, WARMUP_TOPIC, "ugc.events.dlq"),
                        store,
                        new SimpleMeterRegistry())
                .start()) {
            while (etl.status().inserted() < rows) {
                LockSupport.parkNanos(20_000_000);
            }
        }
        System.out.printf(Locale.ROOT, "warm-up: %,d rows in %.1f s%n", rows, (System.nanoTime() - start) / 1e9);
    }

    private static void measure(String kind, EventStore store, Etl etl, int n, int warmup, EtlSettings settings) {
        CpuBreakdown cpu = new CpuBreakdown();
        long start = System.nanoTime();
        long at10 = 0;
        long at90 = 0;
        while (etl.status().inserted() < n) {
            long inserted = etl.status().inserted();
            long now = System.nanoTime();
            if (at10 == 0 && inserted >= n / 10) {
                at10 = now;
            }
            if (at90 == 0 && inserted >= n * 9L / 10) {
                at90 = now;
            }
            LockSupport.parkNanos(5_000_000);
        }
        double total = (System.nanoTime() - start) / 1e9;
        double middle = (at90 - at10) / 1e9;
        String cpuPerRow = cpu.perRow(n);
        System.out.printf(
                Locale.ROOT,
                "%s (%s, batches of %,d, %d consumers): %,d rows in %.2f s = %,.0f rows/s overall; steady 10%%→90%%: %,.0f rows/s;"
                        + " load average %.1f; stored count %,d (%,d of them from the warm-up)%n  %s%n",
                kind,
                store.describe(),
                settings.batchSize(),
                settings.consumers(),
                n,
                total,
                n / total,
                n * 0.8 / middle,
                BenchStore.loadAverage(),
                store.queries().countEvents(),
                warmup,
                cpuPerRow);
    }
}
