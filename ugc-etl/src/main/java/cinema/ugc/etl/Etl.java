package cinema.ugc.etl;

import cinema.ugc.etl.internal.ConsumerLoop;
import cinema.ugc.etl.internal.EtlMetrics;
import cinema.ugc.store.EventStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ETL stage: Kafka topic → {@link EventStore}, batched, offsets committed only after a durable write, poison
 * records dead-lettered. Runs one consumer on its own thread; {@code ./ugc etl} runs it alone, {@code ./ugc run}
 * beside the API in one process. The caller owns the store (migrates it before, closes it after).
 *
 * <pre>{@code
 * Etl etl = new Etl(EtlSettings.from(env), new EtlKafka(bootstrap, "ugc.events", "ugc.events.dlq"), store, registry);
 * etl.start();
 * ... etl.status() ...
 * etl.close();   // flushes the open batch, commits, stops
 * }</pre>
 */
public final class Etl implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Etl.class);

    private final ConsumerLoop loop;
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    private final Thread thread;
    private boolean started;

    public Etl(EtlSettings settings, EtlKafka kafka, EventStore store, MeterRegistry registry) {
        this.loop = new ConsumerLoop(settings, kafka, store, new EtlMetrics(registry), Clock.systemUTC());
        this.thread = new Thread(this::runLoop, "ugc-etl");
        log.info("ETL {} → {} (group {}, batch {} rows / {} ms, dead letters → {})", kafka.topic(), store.describe(),
                settings.group(), settings.batchSize(), settings.batchAge().toMillis(), kafka.deadLetterTopic());
    }

    /** Starts consuming on the ETL's own thread. */
    public synchronized Etl start() {
        if (started) {
            throw new IllegalStateException("an Etl starts once; it was already started or closed");
        }
        started = true;
        thread.start();
        return this;
    }

    private void runLoop() {
        try {
            loop.run();
            log.info("ETL stopped");
            termination.complete(null);
        } catch (RuntimeException | Error e) {
            log.error("ETL stopped on a fatal failure: {}", e.getMessage());
            termination.completeExceptionally(e);
        }
    }

    /** Completes when the loop has ended: normally after {@link #close()}, exceptionally on a fatal store failure. */
    public CompletableFuture<Void> termination() {
        return termination;
    }

    public EtlStatus status() {
        return loop.status(thread.isAlive());
    }

    /** Flushes and commits the open batch (one attempt), then stops; waits up to 30 s. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (!started) {
                started = true;
                loop.abandon();
                termination.complete(null);
                return;
            }
        }
        loop.stop();
        if (!thread.isAlive()) {
            return;
        }
        try {
            termination.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            log.warn("ETL did not stop within {}", Duration.ofSeconds(30));
        } catch (java.util.concurrent.ExecutionException e) {
            // already logged by the loop
        }
    }
}
