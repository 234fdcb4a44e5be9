package cinema.ugc.etl;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import cinema.ugc.model.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Realistic events and a producer that writes them the way the ingest API does (idempotent, acks=all). */
public final class TestEvents {
    public static final Instant BASE = Instant.parse("2026-11-01T00:00:00Z");
    private static final Action[] ACTIONS = Action.values();
    private static final EventCodec CODEC = new EventCodec();

    private TestEvents() {}

    public static List<Event> generate(Random random, int n) {
        List<Event> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(event(random));
        }
        return out;
    }

    public static Event event(Random random) {
        Action action = ACTIONS[random.nextInt(ACTIONS.length)];
        // Oct 31 to Nov 2: every batch spans two months, two ClickHouse partitions committed as separate parts, so a
        // kill mid-insert can leave half a batch stored
        Instant time = BASE.minus(Duration.ofDays(1)).plusSeconds(random.nextInt(3 * 24 * 3600));
        String film = action.requiresFilm() || random.nextBoolean() ? "film-" + random.nextInt(200) : null;
        Instant start = action == Action.FILM_PROGRESS ? time.minusSeconds(60) : null;
        Instant end = action == Action.FILM_PROGRESS ? time : null;
        return new Event(
                UUID.randomUUID(),
                "user-" + random.nextInt(2_000),
                action,
                film,
                "d" + random.nextInt(9),
                time,
                start,
                end,
                Map.of("quality", "1080p", "n", random.nextInt(100)),
                time.plusMillis(5));
    }

    /**
     * One request in flight per partition: on a topic created a moment before, the broker may refuse the first
     * batch (NOT_LEADER_OR_FOLLOWER) while it accepts the ones behind it; the idempotent producer's retry of the first
     * then meets OutOfOrderSequenceException for good and no send completes (EtlFatalFailureIT, under load).
     */
    public static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                1,
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    /** Sends and waits for every acknowledgement: afterwards the events are "accepted". */
    public static void send(KafkaProducer<byte[], byte[]> producer, String topic, List<Event> events) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (Event e : events) {
            acks.add(producer.send(
                    new ProducerRecord<>(topic, e.userId().getBytes(StandardCharsets.UTF_8), CODEC.encode(e))));
        }
        acks.forEach(TestEvents::get);
    }

    /** Like {@link #send}, to one partition chosen by the caller. */
    public static void sendTo(KafkaProducer<byte[], byte[]> producer, String topic, int partition, List<Event> events) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (Event e : events) {
            acks.add(producer.send(new ProducerRecord<>(
                    topic, partition, e.userId().getBytes(StandardCharsets.UTF_8), CODEC.encode(e))));
        }
        acks.forEach(TestEvents::get);
    }

    public static void sendRaw(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value) {
        get(producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)));
    }

    private static void get(Future<RecordMetadata> f) {
        try {
            f.get(Duration.ofMinutes(1).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("send failed", e);
        }
    }
}
