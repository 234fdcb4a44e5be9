package cinema.ugc.ingest;

import cinema.ugc.ingest.internal.InFlight;
import cinema.ugc.model.Event;
import cinema.ugc.model.EventCodec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the events of one request to Kafka over the process's one shared producer and completes when Kafka has
 * acknowledged every one of them (acks=all) — or fails with {@link PublishException} when any was not, and always
 * within {@link Limits#deadline()}: a request is never answered 202 unless Kafka acknowledged all its events, and never
 * waits longer than the deadline for that, whatever the load.
 *
 * <p>{@code KafkaProducer.send} can block (metadata, full buffer) up to max.block.ms, so sends run on one dedicated
 * thread, never on an event loop; completion hops back to the caller's Vert.x context. The queue in front of that
 * thread is bounded in bytes and in time: a request that waited longer than {@link Limits#maxQueueWait()} is failed
 * without sending, and while the head of the queue is that old new requests are refused at once. A request whose
 * first record failed sends none of the rest. While the {@link KafkaCircuit} is open, requests are refused before they
 * are queued. The deadline is enforced by a check every {@link #SWEEP_PERIOD} per event loop, so "within the deadline"
 * means within it plus at most that period. Records are keyed by user id, so one user's events keep their order within
 * a partition.
 */
public final class EventPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);
    /** How often each event loop looks for requests past their deadline: a request is answered by deadline + this. */
    static final Duration SWEEP_PERIOD = Duration.ofMillis(100);

    /**
     * @param maxQueuedBytes encoded events waiting for the sender thread; beyond it requests are refused
     * @param maxQueueWait   longest a request may wait for the sender thread (the producer's max.block.ms)
     * @param deadline       longest a request waits for its acknowledgements (the producer's delivery.timeout.ms)
     */
    public record Limits(long maxQueuedBytes, Duration maxQueueWait, Duration deadline) {
        public static Limits of(IngestSettings s) {
            return new Limits(s.maxQueuedBytes(), s.maxBlock(), s.deliveryTimeout());
        }
    }

    private final Vertx vertx;
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final EventCodec codec;
    private final IngestMetrics metrics;
    private final KafkaCircuit circuit;
    private final Limits limits;
    // lock-free: every request peeks at its head (admit), which a lock would make the event loops and the sender
    // thread take in turn
    private final BlockingQueue<List<Request>> queue = new LinkedTransferQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Thread sender;
    private final List<Request> stop = new ArrayList<>(0);
    private volatile boolean closed;

    public EventPublisher(
            Vertx vertx,
            Producer<byte[], byte[]> producer,
            String topic,
            EventCodec codec,
            IngestMetrics metrics,
            KafkaCircuit circuit,
            Limits limits) {
        this.vertx = vertx;
        this.producer = producer;
        this.topic = topic;
        this.codec = codec;
        this.metrics = metrics;
        this.circuit = circuit;
        this.limits = limits;
        this.sender = new Thread(this::sendLoop, "ugc-kafka-send");
        sender.setDaemon(true);
        sender.start();
    }

    /** Call on a Vert.x context (an HTTP handler); the returned future completes on that context. */
    public Future<Void> publish(List<Event> events) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(events.size());
        long bytes = 0;
        for (Event event : events) {
            ProducerRecord<byte[], byte[]> record =
                    new ProducerRecord<>(topic, event.userId().getBytes(StandardCharsets.UTF_8), codec.encode(event));
            bytes += record.value().length;
            records.add(record);
        }
        return enqueue(records, bytes).onSuccess(v -> metrics.accepted(events));
    }

    private Future<Void> enqueue(List<ProducerRecord<byte[], byte[]>> records, long bytes) {
        if (!circuit.tryAcquire()) {
            return refused("CircuitOpen", "Kafka is unreachable: the latest writes failed");
        }
        String refusal = admit(bytes);
        if (refusal != null) {
            circuit.released();
            return refused("QueueFull", refusal);
        }
        Context context = vertx.getOrCreateContext();
        Request request = new Request(records, bytes, context, loop(context));
        request.loop.accept(request);
        return request.promise.future();
    }

    /** The requests of {@code context}'s event loop (its duplicated contexts share its data). */
    private Loop loop(Context context) {
        Loop loop = context.get(this);
        if (loop == null) {
            loop = new Loop(context);
            context.put(this, loop);
        }
        return loop;
    }

    /** Why a request of {@code bytes} may not join the queue, or null when it may. */
    private String admit(long bytes) {
        if (closed) {
            return "the publisher is closed";
        }
        List<Request> head = queue.peek();
        if (head != null && head.get(0).waitedNanos() > limits.maxQueueWait().toNanos()) {
            return "the Kafka send queue has not moved for "
                    + TimeUnit.NANOSECONDS.toMillis(head.get(0).waitedNanos()) + " ms";
        }
        if (queuedBytes.addAndGet(bytes) > limits.maxQueuedBytes()) {
            queuedBytes.addAndGet(-bytes);
            return "the Kafka send queue is full";
        }
        return null;
    }

    private Future<Void> refused(String type, String reason) {
        metrics.producerError(type);
        return Future.failedFuture(new PublishException(reason, null));
    }

    private void sendLoop() {
        while (true) {
            List<Request> requests;
            try {
                requests = queue.take();
            } catch (InterruptedException e) {
                return; // close() gave up waiting for the queue to drain
            }
            if (requests == stop) {
                return;
            }
            requests.forEach(this::sendOrExpire);
        }
    }

    private void sendOrExpire(Request request) {
        queuedBytes.addAndGet(-request.bytes);
        if (request.waitedNanos() > limits.maxQueueWait().toNanos()) {
            request.fail(new PublishException(
                    "waited " + TimeUnit.NANOSECONDS.toMillis(request.waitedNanos()) + " ms for the Kafka send queue",
                    null));
        } else {
            send(request);
        }
    }

    private void send(Request request) {
        for (ProducerRecord<byte[], byte[]> record : request.records) {
            if (request.done.get()) {
                return; // failed or timed out already: the rest of its events are not sent
            }
            try {
                producer.send(record, request::onAck);
            } catch (RuntimeException e) {
                // send() throws instead of calling back for some failures (e.g. max.block.ms passed, producer closed).
                request.onAck(null, e);
            }
        }
    }

    /**
     * What one event loop has going; used on that event loop only.
     *
     * <p>Its requests in flight and their deadline: every request has the same deadline, so one check every {@link
     * #SWEEP_PERIOD} of the oldest ones fails those past it, instead of a timer armed and cancelled per request. The
     * check runs only while requests are in flight.
     *
     * <p>The requests it accepted while handling what it read in one go, handed to the sender thread together once
     * it is done with that: one hand-over (and at most one wake-up of the sender thread) for all of them rather than
     * one per request. The hand-over is a task behind that work on the same event loop, so it waits for no timer.
     */
    private final class Loop {
        private final Context context;
        private final InFlight<Request> inFlight =
                new InFlight<>(limits.deadline(), request -> request.enqueuedAt, System::nanoTime);
        private List<Request> toSend = new ArrayList<>();
        private long timer = -1;

        Loop(Context context) {
            this.context = context;
        }

        void accept(Request request) {
            inFlight.add(request);
            if (timer < 0) {
                timer = vertx.setPeriodic(SWEEP_PERIOD.toMillis(), id -> sweep());
            }
            if (toSend.isEmpty()) {
                context.runOnContext(v -> handOver());
            }
            toSend.add(request);
        }

        void finished(Request request) {
            inFlight.remove(request);
        }

        private void handOver() {
            List<Request> requests = toSend;
            toSend = new ArrayList<>();
            if (closed) { // the sender thread may have stopped: these would wait for their deadline in vain
                requests.forEach(r -> r.fail(new PublishException("the publisher is closed", null)));
            } else {
                queue.add(requests);
            }
        }

        private void sweep() {
            inFlight.expire(request -> request.fail(new PublishException(
                    "Kafka did not acknowledge every event within "
                            + limits.deadline().toMillis() + " ms",
                    null)));
            if (inFlight.isEmpty()) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }
    }

    /** One request's records and acknowledgements: ends once, with all acks, the first failure or the deadline. */
    private final class Request {
        private final List<ProducerRecord<byte[], byte[]>> records;
        private final long bytes;
        private final Context context;
        private final Loop loop;
        private final Promise<Void> promise = Promise.promise();
        private final long enqueuedAt = System.nanoTime();
        private final AtomicInteger remaining;
        private final AtomicBoolean done = new AtomicBoolean();

        Request(List<ProducerRecord<byte[], byte[]>> records, long bytes, Context context, Loop loop) {
            this.records = records;
            this.bytes = bytes;
            this.context = context;
            this.loop = loop;
            this.remaining = new AtomicInteger(records.size());
        }

        long waitedNanos() {
            return System.nanoTime() - enqueuedAt;
        }

        void onAck(RecordMetadata metadata, Exception error) {
            if (error != null) {
                metrics.producerError(error.getClass().getSimpleName());
                log.debug("Kafka did not acknowledge a record: {}", error.toString());
                fail(new PublishException("Kafka did not acknowledge the write: " + error.getMessage(), error));
            } else if (remaining.decrementAndGet() == 0 && done.compareAndSet(false, true)) {
                circuit.succeeded(waitedNanos());
                context.runOnContext(v -> {
                    loop.finished(this);
                    promise.tryComplete();
                });
            }
        }

        void fail(PublishException e) {
            if (done.compareAndSet(false, true)) {
                circuit.failed(waitedNanos(), e);
                context.runOnContext(v -> {
                    loop.finished(this);
                    promise.tryFail(e);
                });
            }
        }
    }

    /** Sends what was queued (each request still within its time bound), then flushes and closes the producer. */
    @Override
    public void close() {
        closed = true;
        queue.add(stop);
        try {
            sender.join(TimeUnit.SECONDS.toMillis(10));
            sender.interrupt();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
