package cinema.ugc.etl.erasure;

import cinema.ugc.etl.EtlSettings;
import cinema.ugc.etl.internal.Backoff;
import cinema.ugc.kafka.erasure.CompactedTopicReader;
import cinema.ugc.kafka.erasure.ErasureJournal;
import cinema.ugc.kafka.erasure.ErasureRequest;
import cinema.ugc.kafka.erasure.ErasureStatus;
import cinema.ugc.kafka.erasure.ErasureTopics;
import cinema.ugc.store.EventStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ETL's side of erasure, assembled: it reads the erasure topics from their beginning, holds the
 * {@link ErasureFilter} every store write passes, and deletes stored rows with the {@link ErasureApplier}.
 * {@link #start} returns only once every erasure recorded so far is known, so the ETL — started after it, writing
 * through {@link #guard} — cannot store an erased event again, whatever Kafka re-delivers or the DLQ replays.
 *
 * <pre>{@code
 * Erasures erasures = Erasures.start(bootstrap, store, etlSettings, registry);
 * Etl etl = new Etl(etlSettings, etlKafka, erasures.guard(store), registry).start();
 * ...
 * etl.close(); erasures.close();
 * }</pre>
 */
public final class Erasures implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Erasures.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final ErasureFilter filter = new ErasureFilter();
    private final Set<UUID> done = ConcurrentHashMap.newKeySet();
    private final ErasureJournal journal;
    private final ErasureApplier applier;
    private final CompactedTopicReader statuses;
    private final CompactedTopicReader requests;
    private final String storeName;
    private volatile boolean live;

    private Erasures(String bootstrap, EventStore store, EtlSettings settings, MeterRegistry registry) {
        storeName = store.describe();
        journal = new ErasureJournal(bootstrap, Duration.ofSeconds(10));
        Backoff backoff = new Backoff(
                settings.retryInitial(),
                settings.retryMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        applier = new ErasureApplier(store.eraser(), storeName, journal::record, backoff, Clock.systemUTC());
        statuses = new CompactedTopicReader(
                bootstrap, ErasureTopics.STATUS, "ugc-etl-erasure-status", (k, v) -> onStatus(v));
        requests =
                new CompactedTopicReader(bootstrap, ErasureTopics.REQUESTS, "ugc-etl-erasures", (k, v) -> onRequest(v));
        // what the UgcErasurePending alert watches: an erasure this store has not applied yet, and for how long
        Gauge.builder("ugc.etl.erasures.waiting", applier, ErasureApplier::waiting)
                .description("Erasures recorded but not yet applied to this ETL's store")
                .register(registry);
        Gauge.builder("ugc.etl.erasures.oldest.waiting", applier, ErasureApplier::oldestWaitingSeconds)
                .baseUnit("seconds")
                .description(
                        "Time since the oldest erasure not yet applied to this ETL's store was requested (0: none)")
                .register(registry);
    }

    /**
     * Reads both topics up to their current end, then starts applying.
     *
     * @throws IllegalStateException when the topics were not read within a minute (Kafka unreachable)
     */
    public static Erasures start(String bootstrap, EventStore store, EtlSettings settings, MeterRegistry registry) {
        Erasures e = new Erasures(bootstrap, store, settings, registry);
        try {
            e.catchUp();
            return e;
        } catch (RuntimeException ex) {
            e.close();
            throw ex;
        }
    }

    private void catchUp() {
        statuses.start();
        try {
            if (!statuses.awaitCaughtUp(CATCH_UP)) {
                throw new IllegalStateException("could not read " + ErasureTopics.STATUS + " within " + CATCH_UP);
            }
            requests.start();
            if (!requests.awaitCaughtUp(CATCH_UP)) {
                throw new IllegalStateException("could not read " + ErasureTopics.REQUESTS + " within " + CATCH_UP);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the erasure topics", ex);
        }
        live = true;
        LOG.info("erasures: {} done, {} to apply", done.size(), applier.waiting());
        applier.start();
    }

    /**
     * Statuses matter at start-up: a {@code pending} one may belong to an erasure whose request compaction replaced
     * by a later one of the same user. Once live, this instance's own pending statuses must not queue done work again.
     * Reports of other stores (other ETLs on the same topics) say nothing about this store.
     */
    private void onStatus(byte[] value) {
        if (value == null) {
            return;
        }
        ErasureStatus status = ErasureStatus.fromJson(value);
        if (status.store() != null && !status.store().equals(storeName)) {
            return;
        }
        UUID id = status.request().erasureId();
        if (status.state() == ErasureStatus.State.DONE) {
            done.add(id);
            applier.forget(id);
        } else if (!live && !done.contains(id)) {
            filter.add(status.request().userId(), status.request().erasedBefore());
            applier.submit(status.request());
        }
    }

    private void onRequest(byte[] value) {
        if (value == null) {
            return;
        }
        ErasureRequest request = ErasureRequest.fromJson(value);
        filter.add(request.userId(), request.erasedBefore());
        if (!done.contains(request.erasureId())) {
            applier.submit(request);
        }
    }

    /** {@code store} with every write passing the erasure filter: hand this to the ETL. */
    public EventStore guard(EventStore store) {
        return new GuardedStore(store, filter);
    }

    public ErasureFilter filter() {
        return filter;
    }

    @Override
    public void close() {
        applier.close();
        requests.close();
        statuses.close();
        journal.close();
    }
}
