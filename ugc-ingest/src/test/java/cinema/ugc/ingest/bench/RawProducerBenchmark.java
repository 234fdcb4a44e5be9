package cinema.ugc.ingest.bench;

import cinema.ugc.ingest.IngestSettings;
import cinema.ugc.ingest.internal.ProducerConfigs;
import cinema.ugc.kafka.Topics;
import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import cinema.ugc.model.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Not a test: the ceiling the ingest API could reach on a broker — the ingest producer's own configuration
 * ({@link ProducerConfigs}: acks=all, idempotence, lz4, the linger and batch size of the defaults) sending, as fast as
 * it accepts them, the Kafka records the API writes for wrk's event (ugc-ingest/bench/run.sh), keyed by user, with no
 * HTTP, JSON parsing or token check in front. Counts records acknowledged after a warm-up. Run against the embedded
 * broker of a running {@code ./ugc api} (see docs/benchmarks.md, "Batched ingest with many users"):
 * <pre>java -cp ugc-ingest/target/test-classes:ugc-app/target/classes:$(cat ugc-app/target/app-classpath.txt) \
 *     cinema.ugc.ingest.bench.RawProducerBenchmark BOOTSTRAP USERS [SECONDS] [WARMUP_SECONDS]</pre>
 * USERS = 1 sends every record with one key (one partition), as wrk with one token does.
 */
public final class RawProducerBenchmark {
    private static final String TOPIC = "bench.raw-producer";

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int users = Integer.parseInt(args[1]);
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        Topics.ensure(bootstrap, TOPIC, 6, 1, 1, Duration.ofSeconds(30));
        List<ProducerRecord<byte[], byte[]>> records = records(users);
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(ProducerConfigs.of(bootstrap, IngestSettings.defaults()))) {
            send(producer, records, acked, failed, System.nanoTime() + warmup * 1_000_000_000L);
            long before = acked.get();
            long start = System.nanoTime();
            send(producer, records, acked, failed, start + seconds * 1_000_000_000L);
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "raw producer, %d user(s): %,.0f records/s acknowledged over %.1f s (%d failed), "
                            + "mean value %d bytes, load average %.2f%n",
                    users,
                    (acked.get() - before) / elapsed,
                    elapsed,
                    failed.get(),
                    records.stream().mapToInt(r -> r.value().length).sum() / records.size(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
        }
    }

    /** send() blocks once buffer.memory is full, which paces this loop to what the broker acknowledges. */
    private static void send(
            KafkaProducer<byte[], byte[]> producer,
            List<ProducerRecord<byte[], byte[]>> records,
            AtomicLong acked,
            AtomicLong failed,
            long until) {
        for (int i = 0; System.nanoTime() < until; i = (i + 1) % records.size()) {
            producer.send(records.get(i), (m, e) -> (e == null ? acked : failed).incrementAndGet());
        }
        producer.flush();
    }

    /** wrk's FILM_PROGRESS event as the API stores it: with an event id, the user from the token, received_at. */
    private static List<ProducerRecord<byte[], byte[]>> records(int users) {
        EventCodec codec = new EventCodec();
        Instant now = Instant.now();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("quality", "1080p");
        properties.put("device", "tv");
        properties.put("position_s", 1234);
        int distinct = Math.max(10_000, users * 100);
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(distinct);
        for (int i = 0; i < distinct; i++) {
            // runs of 100 records per user, as one batch request of 100 events is
            String user = users == 1 ? "wrk-user" : "user-" + ((i / 100) % users);
            Event e = new Event(
                    UUID.randomUUID(),
                    user,
                    Action.FILM_PROGRESS,
                    "tt0133093",
                    null,
                    now,
                    now.minusSeconds(60),
                    now,
                    properties,
                    now);
            out.add(new ProducerRecord<>(TOPIC, user.getBytes(StandardCharsets.UTF_8), codec.encode(e)));
        }
        return out;
    }
}
