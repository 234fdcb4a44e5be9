package cinema.ugc.ingest;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the events of one request to Kafka over the process's one shared producer and completes when Kafka has
 * acknowledged every one of them (acks=all) — or fails with {@link PublishException} when any was not.
 *
 * <p>{@code KafkaProducer.send} can block (metadata, full buffer) up to max.block.ms, so sends run on one dedicated
 * thread, never on an event loop; completion hops back to the caller's Vert.x context. Work waiting for that thread is
 * capped in bytes: beyond the cap a request fails at once instead of queueing without bound. Records are keyed by
 * user id, so one user's events keep their order within a partition.
 */
public final class EventPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private final Vertx vertx;
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final EventCodec codec;
    private final IngestMetrics metrics;
    private final long maxQueuedBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ugc-kafka-send");
        t.setDaemon(true);
        return t;
    });

    public EventPublisher(Vertx vertx, Producer<byte[], byte[]> producer, String topic, EventCodec codec,
                          IngestMetrics metrics, long maxQueuedBytes) {
        this.vertx = vertx;
        this.producer = producer;
        this.topic = topic;
        this.codec = codec;
        this.metrics = metrics;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /** Call on a Vert.x context (an HTTP handler); the returned future completes on that context. */
    public Future<Void> publish(List<Event> events) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(events.size());
        long bytes = 0;
        for (Event event : events) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                    event.userId().getBytes(StandardCharsets.UTF_8), codec.encode(event));
            bytes += record.value().length;
            records.add(record);
        }
        return enqueue(records, bytes).onSuccess(v -> metrics.accepted(events));
    }

    private Future<Void> enqueue(List<ProducerRecord<byte[], byte[]>> records, long bytes) {
        if (queuedBytes.addAndGet(bytes) > maxQueuedBytes) {
            queuedBytes.addAndGet(-bytes);
            return rejected("the Kafka send queue is full");
        }
        Context context = vertx.getOrCreateContext();
        Promise<Void> promise = Promise.promise();
        Pending pending = new Pending(records.size(), context, promise);
        try {
            sender.execute(() -> {
                queuedBytes.addAndGet(-bytes);
                send(records, pending);
            });
        } catch (RejectedExecutionException e) {
            queuedBytes.addAndGet(-bytes);
            return rejected("the publisher is closed");
        }
        return promise.future();
    }

    private Future<Void> rejected(String reason) {
        metrics.producerError("QueueFull");
        return Future.failedFuture(new PublishException(reason, null));
    }

    private void send(List<ProducerRecord<byte[], byte[]>> records, Pending pending) {
        for (ProducerRecord<byte[], byte[]> record : records) {
            try {
                producer.send(record, pending::onAck);
            } catch (RuntimeException e) {
                // send() throws instead of calling back for some failures (e.g. the producer is closed).
                pending.onAck(null, e);
            }
        }
    }

    /** The acknowledgements of one request: completes its promise on its context once all have arrived. */
    private final class Pending {
        private final AtomicInteger remaining;
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final Context context;
        private final Promise<Void> promise;

        Pending(int count, Context context, Promise<Void> promise) {
            this.remaining = new AtomicInteger(count);
            this.context = context;
            this.promise = promise;
        }

        void onAck(RecordMetadata metadata, Exception error) {
            if (error != null && failure.compareAndSet(null, error)) {
                metrics.producerError(error.getClass().getSimpleName());
                log.debug("Kafka did not acknowledge a record: {}", error.toString());
            }
            if (remaining.decrementAndGet() == 0) {
                Exception e = failure.get();
                context.runOnContext(v -> {
                    if (e == null) {
                        promise.complete();
                    } else {
                        promise.fail(new PublishException("Kafka did not acknowledge the write: " + e.getMessage(), e));
                    }
                });
            }
        }
    }

    /** Flushes what was accepted for sending, then closes the producer. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
