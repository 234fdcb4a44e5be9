package cinema.ugc.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import cinema.ugc.model.EventCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The acknowledgement bookkeeping of {@link EventPublisher}, driven step by step with Kafka's MockProducer (the real
 * broker behaviour is covered by IngestApiIT and BrokerOutageIT): a request completes only after its last ack, fails at
 * the first failed record or at its deadline, and the circuit refuses requests while the latest ones failed.
 */
class EventPublisherTest {
    Vertx vertx;
    MockProducer<byte[], byte[]> producer;
    SimpleMeterRegistry registry;
    KafkaCircuit circuit;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void tearDown() {
        vertx.close();
    }

    EventPublisher publisher(long maxQueuedBytes) {
        return publisher(new EventPublisher.Limits(maxQueuedBytes, Duration.ofSeconds(2), Duration.ofSeconds(30)));
    }

    EventPublisher publisher(EventPublisher.Limits limits) {
        circuit = new KafkaCircuit(Duration.ofMillis(300), registry);
        return new EventPublisher(vertx, producer, "t", new EventCodec(), new IngestMetrics(registry), circuit, limits);
    }

    static List<Event> events(int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> new Event(
                        UUID.randomUUID(),
                        "user-" + (i % 2),
                        Action.CLICK,
                        null,
                        null,
                        Instant.now(),
                        null,
                        null,
                        Map.of(),
                        Instant.now()))
                .toList();
    }

    /** Publishes from an event-loop context, as the HTTP handler does. */
    AtomicReference<Future<Void>> publishOnContext(EventPublisher publisher, List<Event> events) {
        AtomicReference<Future<Void>> result = new AtomicReference<>();
        vertx.runOnContext(v -> {
            result.set(publisher.publish(events));
        });
        await().until(() -> result.get() != null);
        return result;
    }

    @Test
    void completesOnlyAfterTheLastAcknowledgementWithKeysInOrder() {
        List<Event> events = events(3);
        AtomicReference<Future<Void>> result = publishOnContext(publisher(1 << 20), events);
        await().until(() -> producer.history().size() == 3);
        assertEquals(
                List.of("user-0", "user-1", "user-0"),
                producer.history().stream()
                        .map(r -> new String(r.key(), StandardCharsets.UTF_8))
                        .toList());
        producer.completeNext();
        producer.completeNext();
        assertFalse(result.get().isComplete());
        producer.completeNext();
        await().until(() -> result.get().isComplete());
        assertTrue(result.get().succeeded());
        assertEquals(
                3.0,
                registry.get("ugc.ingest.events.accepted")
                        .tag("action", "CLICK")
                        .counter()
                        .count());
    }

    @Test
    void requestsAcceptedInOneEventLoopRunAreSentTogetherInTheirOrder() {
        EventPublisher publisher = publisher(1 << 20);
        List<Future<Void>> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        vertx.runOnContext(v -> {
            for (int i = 0; i < 5; i++) {
                Event event = events(1).get(0);
                results.add(publisher.publish(List.of(new Event(
                        event.eventId(),
                        "user-" + i,
                        event.action(),
                        null,
                        null,
                        event.eventTime(),
                        null,
                        null,
                        Map.of(),
                        event.receivedAt()))));
            }
        });
        await().until(() -> producer.history().size() == 5);
        assertEquals(
                List.of("user-0", "user-1", "user-2", "user-3", "user-4"),
                producer.history().stream()
                        .map(r -> new String(r.key(), StandardCharsets.UTF_8))
                        .toList());
        for (int i = 0; i < 5; i++) {
            producer.completeNext();
        }
        await().until(() -> results.size() == 5 && results.stream().allMatch(Future::isComplete));
        assertTrue(results.stream().allMatch(Future::succeeded));
    }

    @Test
    void oneFailedRecordFailsTheRequestAtOnce() {
        AtomicReference<Future<Void>> result = publishOnContext(publisher(1 << 20), events(2));
        await().until(() -> producer.history().size() == 2);
        producer.errorNext(new TimeoutException("expired"));
        await().until(() -> result.get().isComplete());
        assertInstanceOf(PublishException.class, result.get().cause());
        producer.completeNext();
        assertEquals(
                1.0,
                registry.get("ugc.ingest.producer.errors")
                        .tag("type", "TimeoutException")
                        .counter()
                        .count());
        assertEquals(
                0.0,
                registry.get("ugc.ingest.events.accepted")
                        .tag("action", "CLICK")
                        .counter()
                        .count());
    }

    @Test
    void aRecordThatFailsInSendStopsTheRestOfItsRequest() {
        producer.close(); // MockProducer.send now throws, as KafkaProducer does when max.block.ms passes
        AtomicReference<Future<Void>> result = publishOnContext(publisher(1 << 20), events(5));
        await().until(() -> result.get().isComplete());
        assertInstanceOf(PublishException.class, result.get().cause());
        assertEquals(
                1.0,
                registry.get("ugc.ingest.producer.errors")
                        .tag("type", "IllegalStateException")
                        .counter()
                        .count(),
                "only the first record was tried");
    }

    @Test
    void aRequestNeverWaitsPastItsDeadline() {
        EventPublisher publisher =
                publisher(new EventPublisher.Limits(1 << 20, Duration.ofSeconds(2), Duration.ofMillis(300)));
        AtomicReference<Future<Void>> result = publishOnContext(publisher, events(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> result.get().isComplete());
        assertInstanceOf(PublishException.class, result.get().cause());
        assertTrue(
                result.get().cause().getMessage().contains("within 300 ms"),
                result.get().cause().getMessage());
        producer.completeNext(); // a late acknowledgement changes nothing
        producer.completeNext();
        assertTrue(result.get().failed());
    }

    @Test
    void failuresOpenTheCircuitThenAProbeClosesIt() {
        EventPublisher publisher =
                publisher(new EventPublisher.Limits(1 << 20, Duration.ofSeconds(2), Duration.ofMillis(100)));
        for (int i = 0; i < 5; i++) {
            AtomicReference<Future<Void>> result = publishOnContext(publisher, events(1));
            await().until(() -> result.get().isComplete());
        }
        assertTrue(circuit.isOpen());
        int sent = producer.history().size();
        AtomicReference<Future<Void>> refused = publishOnContext(publisher, events(1));
        assertTrue(refused.get().failed(), "refused at once while open");
        assertEquals(sent, producer.history().size(), "nothing was sent for it");
        assertEquals(
                1.0,
                registry.get("ugc.ingest.producer.errors")
                        .tag("type", "CircuitOpen")
                        .counter()
                        .count());
        assertEquals(
                1.0,
                registry.get("ugc.ingest.kafka.circuit")
                        .tag("state", "open")
                        .gauge()
                        .value());

        await().atMost(Duration.ofSeconds(5)).until(() -> circuit.state().equals("half_open"));
        producer.close();
        producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        EventPublisher healthy = new EventPublisher(
                vertx,
                producer,
                "t",
                new EventCodec(),
                new IngestMetrics(registry),
                circuit,
                new EventPublisher.Limits(1 << 20, Duration.ofSeconds(2), Duration.ofSeconds(5)));
        for (int i = 0; i < 3; i++) {
            AtomicReference<Future<Void>> probe = publishOnContext(healthy, events(1));
            await().until(() -> probe.get().isComplete());
            assertTrue(probe.get().succeeded());
        }
        assertEquals("closed", circuit.state());
        assertEquals(
                1.0,
                registry.get("ugc.ingest.kafka.circuit")
                        .tag("state", "closed")
                        .gauge()
                        .value());
    }

    @Test
    void overTheQueueCapFailsAtOnceWithoutSending() {
        AtomicReference<Future<Void>> result = publishOnContext(publisher(10), events(1));
        assertTrue(result.get().failed());
        assertInstanceOf(PublishException.class, result.get().cause());
        assertTrue(producer.history().isEmpty());
    }

    @Test
    void afterCloseRequestsFail() {
        EventPublisher publisher = publisher(1 << 20);
        publisher.close();
        AtomicReference<Future<Void>> result = publishOnContext(publisher, events(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> result.get().isComplete());
        assertTrue(result.get().failed());
    }
}
