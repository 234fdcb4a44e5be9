package cinema.ugc.etl;

import cinema.ugc.kafka.EmbeddedKafka;
import cinema.ugc.kafka.Topics;
import cinema.ugc.model.Event;
import cinema.ugc.model.EventCodec;
import cinema.ugc.model.config.Env;
import cinema.ugc.ops.servers.ClickHouseServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.commons.io.file.PathUtils;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * ETL freshness at a fixed event rate (a benchmark, not a test): events stamped {@code received_at = now} are sent to
 * Kafka at the rate, the ETL writes them to ClickHouse or DuckDB, and {@code ugc_etl_event_freshness_seconds} (every
 * row, received_at → written) is read after a warm-up; for ClickHouse also inserts per second and the events table's
 * active parts (sampled every second). No HTTP API or load client, so that on a shared machine the figure is the ETL's
 * and the store's, not CPU starvation of the whole pipeline:
 * {@code java -cp <test class path> cinema.ugc.etl.EtlFreshnessBenchmark 10000 60 clickhouse,duckdb}; further
 * arguments: warm-up seconds (10). The ETL's settings come from the environment ({@code UGC_ETL_*}).
 */
public final class EtlFreshnessBenchmark {
    private static final String TOPIC = "ugc.events";
    private static final EventCodec CODEC = new EventCodec();
    /**
     * A simple registry keeps only the timer's service-level buckets (1 s, 2 s), not Prometheus's percentile ones:
     * add one every 50 ms up to 5 s, so the quantiles below are within 50 ms.
     */
    private static final MeterFilter FINE_FRESHNESS_BUCKETS = new MeterFilter() {
        @Override
        public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
            if (!id.getName().equals("ugc.etl.event.freshness")) {
                return config;
            }
            double[] bounds = java.util.stream.IntStream.rangeClosed(1, 100)
                    .mapToDouble(i -> TimeUnit.MILLISECONDS.toNanos(50L * i))
                    .toArray();
            return DistributionStatisticConfig.builder()
                    .serviceLevelObjectives(bounds)
                    .build()
                    .merge(config);
        }
    };

    private EtlFreshnessBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        String[] stores = (args.length > 2 ? args[2] : "clickhouse,duckdb").split(",");
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        Path tmp = Files.createTempDirectory("etl-fresh-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0)) {
            for (String store : stores) {
                String topic = TOPIC + "." + store.trim();
                Topics.ensure(kafka.bootstrapServers(), topic, 6, 1, 1, Duration.ofSeconds(30));
                run(store.trim(), kafka.bootstrapServers(), topic, rate, seconds, warmup, tmp);
            }
        } finally {
            PathUtils.deleteDirectory(tmp);
        }
        System.exit(0);
    }

    private static void run(String kind, String bootstrap, String topic, int rate, int seconds, int warmup, Path tmp) {
        try (BenchStore bench = BenchStore.open(kind, tmp)) {
            EtlSettings settings = EtlSettings.from(Env.of(System.getenv())).withGroup("fresh-" + kind);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            registry.config().meterFilter(FINE_FRESHNESS_BUCKETS);
            try (Etl etl = new Etl(settings, new EtlKafka(bootstrap, topic, "ugc.events.dlq"), bench.store(), registry)
                            .start();
                    KafkaProducer<byte[], byte[]> producer = TestEvents.producer(bootstrap)) {
                measure(kind, settings, etl, registry, producer, topic, rate, seconds, warmup, bench.server());
            }
        }
    }

    private static void measure(
            String kind,
            EtlSettings settings,
            Etl etl,
            SimpleMeterRegistry registry,
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            int rate,
            int seconds,
            int warmup,
            ClickHouseServer server) {
        AtomicLong sent = new AtomicLong();
        Random random = new Random(42);
        long start = System.nanoTime();
        send(producer, topic, rate, warmup, random, sent, start);
        HistogramSnapshot before = freshness(registry);
        long inserts0 = inserts(server);
        long t0 = System.nanoTime();
        List<Long> parts = new ArrayList<>();
        long measureStart = System.nanoTime();
        for (int s = 0; s < seconds; s++) {
            send(producer, topic, rate, 1, random, sent, measureStart + TimeUnit.SECONDS.toNanos(s));
            if (server != null) {
                parts.add(Long.parseLong(
                        sql(server, "SELECT count() FROM system.parts WHERE active AND table = 'events'")));
            }
        }
        producer.flush();
        long inserts1 = inserts(server);
        double took = (System.nanoTime() - t0) / 1e9;
        while (etl.status().inserted() < sent.get()) {
            LockSupport.parkNanos(20_000_000);
        }
        HistogramSnapshot after = freshness(registry);
        System.out.printf(
                Locale.ROOT,
                "%s, %,d ev/s for %d s (+%d s warm-up), batch %,d / %s, write interval %s, %d "
                        + "consumers: sent %,d (%,.0f ev/s achieved), stored %,d%n  freshness %s%n%s  load average %.1f%n",
                kind,
                rate,
                seconds,
                warmup,
                settings.batchSize(),
                settings.batchAge(),
                interval(settings),
                settings.consumers(),
                sent.get(),
                (sent.get() - (long) rate * warmup) / took,
                etl.status().inserted(),
                quantiles(before, after),
                server == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "  ClickHouse: %.1f inserts/s (%d), active parts of events max %d, mean %.0f%n",
                                (inserts1 - inserts0) / took,
                                inserts1 - inserts0,
                                parts.stream().mapToLong(Long::longValue).max().orElse(0),
                                parts.stream()
                                        .mapToLong(Long::longValue)
                                        .average()
                                        .orElse(0)),
                BenchStore.loadAverage());
    }

    /** The settings' write interval by name, so that this runs against builds without it (before/after pairs). */
    private static String interval(EtlSettings settings) {
        try {
            return String.valueOf(EtlSettings.class.getMethod("writeInterval").invoke(settings));
        } catch (ReflectiveOperationException e) {
            return "none (before)";
        }
    }

    /** Sends {@code rate} events per second for {@code seconds}, in 1 ms slices, each stamped with its send time. */
    private static void send(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            int rate,
            int seconds,
            Random random,
            AtomicLong sent,
            long from) {
        long slices = seconds * 1000L;
        for (long i = 0; i < slices; i++) {
            long due = from + TimeUnit.MILLISECONDS.toNanos(i);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long target = (long) rate * (i + 1) / 1000 - (long) rate * i / 1000;
            for (long k = 0; k < target; k++) {
                Event e = stamped(TestEvents.event(random));
                producer.send(
                        new ProducerRecord<>(topic, e.userId().getBytes(StandardCharsets.UTF_8), CODEC.encode(e)));
                sent.incrementAndGet();
            }
        }
    }

    private static Event stamped(Event e) {
        return new Event(
                e.eventId(),
                e.userId(),
                e.action(),
                e.filmId(),
                e.description(),
                e.eventTime(),
                e.startTime(),
                e.endTime(),
                e.properties(),
                Instant.now());
    }

    private static long inserts(ClickHouseServer server) {
        if (server == null) {
            return 0;
        }
        String v = sql(server, "SELECT value FROM system.events WHERE event = 'InsertQuery'");
        return v.isEmpty() ? 0 : Long.parseLong(v);
    }

    /** ClickHouse may close an idle keep-alive connection just as the client reuses it: one more try then. */
    private static String sql(ClickHouseServer server, String statement) {
        try {
            return server.sql(statement).trim();
        } catch (java.io.UncheckedIOException e) {
            return server.sql(statement).trim();
        }
    }

    private static HistogramSnapshot freshness(SimpleMeterRegistry registry) {
        return registry.get("ugc.etl.event.freshness").timer().takeSnapshot();
    }

    /** Each quantile as the upper bound of its bucket (never understated), as ugc-app/bench/freshness.py does. */
    private static String quantiles(HistogramSnapshot before, HistogramSnapshot after) {
        Map<Double, Double> earlier = new HashMap<>();
        for (CountAtBucket b : before.histogramCounts()) {
            earlier.put(b.bucket(TimeUnit.MILLISECONDS), b.count());
        }
        CountAtBucket[] buckets = after.histogramCounts();
        double total = after.count() - before.count();
        StringBuilder out = new StringBuilder();
        for (double q : new double[] {0.5, 0.95, 0.99, 0.999}) {
            String bound = "> " + Math.round(buckets[buckets.length - 1].bucket(TimeUnit.MILLISECONDS)) + " ms";
            for (CountAtBucket b : buckets) {
                double ms = b.bucket(TimeUnit.MILLISECONDS);
                if (b.count() - earlier.getOrDefault(ms, 0.0) >= q * total) {
                    bound = "≤ " + Math.round(ms) + " ms";
                    break;
                }
            }
            out.append(
                    String.format(Locale.ROOT, "p%s %s  ", new java.text.DecimalFormat("0.#").format(q * 100), bound));
        }
        double within1s = 0;
        for (CountAtBucket b : buckets) {
            if (b.bucket(TimeUnit.MILLISECONDS) <= 1000) {
                within1s = b.count() - earlier.getOrDefault(b.bucket(TimeUnit.MILLISECONDS), 0.0);
            }
        }
        return out
                + String.format(
                        Locale.ROOT,
                        "(%,.0f rows, %.2f %% within 1 s, max %.0f ms over the whole run)",
                        total,
                        100 * within1s / total,
                        after.max(TimeUnit.MILLISECONDS));
    }
}
