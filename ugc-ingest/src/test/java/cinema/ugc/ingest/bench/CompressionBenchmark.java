package cinema.ugc.ingest.bench;

import cinema.ugc.ingest.IngestSettings;
import cinema.ugc.ingest.IngestSettings.Compression;
import cinema.ugc.ingest.internal.ProducerConfigs;
import cinema.ugc.kafka.EmbeddedKafka;
import cinema.ugc.kafka.Topics;
import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import cinema.ugc.model.EventCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Not a test: which producer compression suits our events? Sends the same realistic event JSON (EventCodec, the
 * real Kafka value) through the ingest producer configuration with none, lz4 and zstd into an embedded broker on this
 * machine, and reports records/s and bytes on disk. Run:
 * {@code mvn -q -pl ugc-ingest exec:java -Dexec.classpathScope=test -Dexec.mainClass=cinema.ugc.ingest.bench.CompressionBenchmark}
 * (optional -Dexec.args="records rounds").
 */
public final class CompressionBenchmark {
    private static final String[] DEVICES = {"tv", "web", "ios", "android"};
    private static final String[] QUALITIES = {"480p", "720p", "1080p", "2160p"};

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<byte[][]> events = events(records);
        long raw = events.stream().mapToLong(e -> e[1].length).sum();
        System.out.printf("%d events, mean value %d bytes%n", records, raw / records);
        Path dir = Files.createTempDirectory("ugc-compression");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            for (int round = 1; round <= rounds; round++) {
                for (Compression c : List.of(Compression.NONE, Compression.LZ4, Compression.ZSTD)) {
                    run(kafka, dir, c, round, events, raw);
                }
            }
        }
    }

    private static void run(EmbeddedKafka kafka, Path dir, Compression c, int round, List<byte[][]> events, long raw)
            throws Exception {
        String topic = "bench-" + c.name().toLowerCase() + "-" + round;
        Topics.ensure(kafka.bootstrapServers(), topic, 6, 1, 1, Duration.ofSeconds(30));
        IngestSettings settings = IngestSettings.defaults().withCompression(c);
        Semaphore inFlight = new Semaphore(50_000);
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(ProducerConfigs.of(kafka.bootstrapServers(), settings))) {
            for (byte[][] e : events) {
                inFlight.acquire();
                producer.send(new ProducerRecord<>(topic, e[0], e[1]), (m, ex) -> inFlight.release());
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long disk = size(dir.resolve("kafka"), topic);
        System.out.printf(
                "round %d %-5s %,10.0f records/s  %,6.1f MB/s raw  on disk %,7.1f MB (%.2fx)%n",
                round, c, events.size() / seconds, raw / seconds / 1e6, disk / 1e6, (double) raw / disk);
    }

    private static long size(Path root, String topic) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().contains("/" + topic + "-")
                            && p.toString().endsWith(".log"))
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    /** Events shaped like the player's traffic: mostly FILM_PROGRESS heartbeats with properties, some clicks/views. */
    static List<byte[][]> events(int n) {
        Random random = new Random(42);
        EventCodec codec = new EventCodec();
        Instant now = Instant.now();
        List<byte[][]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Action action = Action.values()[random.nextInt(10) < 6 ? 2 : random.nextInt(Action.values().length)];
            String user = "user-" + random.nextInt(10_000);
            Instant t = now.minusMillis(random.nextInt(3_600_000));
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("device", DEVICES[random.nextInt(DEVICES.length)]);
            props.put("quality", QUALITIES[random.nextInt(QUALITIES.length)]);
            if (action == Action.FILM_PROGRESS) {
                props.put("position_s", random.nextInt(7200));
                props.put("duration_s", 60);
            }
            String film = action.requiresFilm() || random.nextBoolean() ? "film-" + random.nextInt(1000) : null;
            Event e = new Event(
                    UUID.randomUUID(),
                    user,
                    action,
                    film,
                    action == Action.SEARCH ? "query" : null,
                    t,
                    action == Action.FILM_PROGRESS ? t.minusSeconds(60) : null,
                    action == Action.FILM_PROGRESS ? t : null,
                    props,
                    now);
            out.add(new byte[][] {user.getBytes(StandardCharsets.UTF_8), codec.encode(e)});
        }
        return out;
    }
}
