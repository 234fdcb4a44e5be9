package cinema.ugc.etl;

import cinema.ugc.etl.internal.ConsumerLoop;
import cinema.ugc.etl.internal.EtlMetrics;
import cinema.ugc.etl.internal.LagMonitor;
import cinema.ugc.store.EventStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ETL stage: Kafka topic → {@link EventStore}, batched, offsets committed only after a durable write, poison
 * records dead-lettered. Runs {@link EtlSettings#consumers()} group members, each on its own thread with its own
 * partitions and batch, so one decodes while another waits for its write; {@code ./ugc etl} runs it alone,
 * {@code ./ugc run} beside the API in one process. The caller owns the store (migrates it before, closes it after).
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
    /** Most urgent first: the state a reader should see when the loops differ. */
    private static final List<String> STATE_PRIORITY =
            List.of("FAILED", "BACKOFF", "STARTING", "WRITING", "COMMITTING", "ACCUMULATING", "CLOSED");

    /** How often the group's lag is read, how long one read may take, and when an old reading stops counting. */
    private static final Duration LAG_INTERVAL = Duration.ofSeconds(1);

    private static final Duration LAG_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration LAG_STALE_AFTER = Duration.ofSeconds(10);

    private final EtlMetrics metrics;
    private final GroupLag groupLag;
    private final LagMonitor lagMonitor;
    private final ForkJoinPool decoders = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    private final List<ConsumerLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    private final AtomicInteger running = new AtomicInteger();
    private volatile Throwable firstFailure;
    private boolean started;

    public Etl(EtlSettings settings, EtlKafka kafka, EventStore store, MeterRegistry registry) {
        this.metrics = new EtlMetrics(registry);
        metrics.dedupWindow(store);
        this.groupLag = GroupLag.connect(kafka.bootstrap(), settings.group(), kafka.topic(), LAG_TIMEOUT);
        this.lagMonitor = new LagMonitor(groupLag::read, metrics, LAG_INTERVAL, LAG_STALE_AFTER, Clock.systemUTC());
        try {
            for (int i = 0; i < settings.consumers(); i++) {
                ConsumerLoop loop = new ConsumerLoop(settings, i, kafka, store, metrics, decoders, Clock.systemUTC());
                loops.add(loop);
                threads.add(new Thread(() -> runLoop(loop), "ugc-etl-" + i));
            }
        } catch (RuntimeException e) {
            loops.forEach(ConsumerLoop::abandon); // the clients of the loops built before the failure
            decoders.shutdown();
            groupLag.close();
            throw e;
        }
        log.info(
                "ETL {} → {} (group {}, {} consumer(s), batch {} rows / {} ms, dead letters → {})",
                kafka.topic(),
                store.describe(),
                settings.group(),
                settings.consumers(),
                settings.batchSize(),
                settings.batchAge().toMillis(),
                kafka.deadLetterTopic());
    }

    /** Starts consuming, one thread per consumer. */
    public synchronized Etl start() {
        if (started) {
            throw new IllegalStateException("an Etl starts once; it was already started or closed");
        }
        started = true;
        running.set(threads.size());
        threads.forEach(Thread::start);
        lagMonitor.start();
        return this;
    }

    /** A fatal failure of one loop stops the others: the process's ETL fails as a whole, as it did with one loop. */
    private void runLoop(ConsumerLoop loop) {
        try {
            loop.run();
        } catch (RuntimeException | Error e) {
            log.error("ETL consumer stopped on a fatal failure: {}", e.getMessage());
            if (firstFailure == null) {
                firstFailure = e;
            }
            loops.forEach(ConsumerLoop::stop);
        } finally {
            if (running.decrementAndGet() == 0) {
                decoders.shutdown();
                stopLagMonitor();
                if (firstFailure == null) {
                    log.info("ETL stopped");
                    termination.complete(null);
                } else {
                    termination.completeExceptionally(firstFailure);
                }
            }
        }
    }

    /** Completes when every loop has ended: normally after {@link #close()}, exceptionally on a fatal store failure. */
    public CompletableFuture<Void> termination() {
        return termination;
    }

    public EtlStatus status() {
        List<ConsumerLoop.Snapshot> snapshots =
                loops.stream().map(ConsumerLoop::snapshot).toList();
        String state = snapshots.stream()
                .map(ConsumerLoop.Snapshot::state)
                .min(Comparator.comparingInt(Etl::urgency))
                .orElse("STARTING");
        boolean allRunning = threads.stream().allMatch(Thread::isAlive)
                && snapshots.stream().allMatch(ConsumerLoop.Snapshot::polled);
        int pending =
                snapshots.stream().mapToInt(ConsumerLoop.Snapshot::pending).sum();
        String error = snapshots.stream()
                .map(ConsumerLoop.Snapshot::error)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        Map<Integer, Long> lag = metrics.lagByPartition();
        return new EtlStatus(
                state,
                allRunning,
                metrics.consumedTotal(),
                metrics.insertedTotal(),
                metrics.deadLetteredTotal(),
                lag == null ? -1 : GroupLag.total(lag),
                lag == null ? Map.of() : lag,
                pending,
                error);
    }

    private void stopLagMonitor() {
        lagMonitor.close();
        groupLag.close();
    }

    private static int urgency(String state) {
        int i = STATE_PRIORITY.indexOf(state);
        return i < 0 ? STATE_PRIORITY.size() : i;
    }

    /** Flushes and commits every open batch (one attempt each), then stops; waits up to 30 s. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (!started) {
                started = true;
                loops.forEach(ConsumerLoop::abandon);
                decoders.shutdown();
                stopLagMonitor();
                termination.complete(null);
                return;
            }
        }
        loops.forEach(ConsumerLoop::stop);
        if (termination.isDone()) {
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
