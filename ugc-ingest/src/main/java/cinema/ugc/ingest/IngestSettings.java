package cinema.ugc.ingest;

import cinema.ugc.model.ValidationRules;
import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import cinema.ugc.model.config.Setting;
import java.time.Duration;
import java.util.List;

/**
 * The write path's knobs: event time window, batch size, and how long a request may wait for Kafka.
 *
 * @param deliveryTimeout  the producer's delivery.timeout.ms: after it an unacknowledged event is a 503
 * @param requestTimeout   the producer's request.timeout.ms (capped at deliveryTimeout - linger): how long one produce
 *                         request may go unanswered before the producer gives up on that connection and retries
 * @param maxBlock         the producer's max.block.ms (metadata or buffer wait before a send even starts), and the
 *                         longest a request may wait for the send thread
 * @param retryAfter       Retry-After of a 503, and how long the Kafka circuit stays open before probing
 * @param maxQueuedBytes   encoded events waiting for the sender thread; over it new requests get 503 at once
 * @param maxInFlight      the producer's max.in.flight.requests.per.connection: produce requests to one broker that
 *                         may await their answer at once (1-5; idempotence allows at most 5)
 */
public record IngestSettings(
        ValidationRules rules,
        int maxBatchEvents,
        Compression compression,
        Duration linger,
        Duration deliveryTimeout,
        Duration requestTimeout,
        Duration maxBlock,
        Duration retryAfter,
        long maxQueuedBytes,
        int maxInFlight) {

    /** Producer compression; see docs/benchmarks.md for the measurement behind the default. */
    public enum Compression {
        NONE,
        LZ4,
        ZSTD,
        GZIP,
        SNAPPY
    }

    public static final Setting<Duration> MAX_FUTURE_SKEW = Setting.duration(
            "UGC_EVENT_MAX_FUTURE_SKEW",
            "5m",
            "How far in the future an event_time may be (client clock skew) before the event is a 400.");
    public static final Setting<Duration> MAX_AGE =
            Setting.duration("UGC_EVENT_MAX_AGE", "30d", "How old an event_time may be before the event is a 400.");
    public static final Setting<Integer> MAX_BATCH = Setting.integer(
            "UGC_INGEST_MAX_BATCH_EVENTS",
            1000,
            1,
            10_000,
            "Most events in one POST /api/v1/events/batch; more is a 413.");
    public static final Setting<Compression> COMPRESSION = Setting.oneOf(
            "UGC_INGEST_COMPRESSION",
            Compression.LZ4,
            Compression.class,
            "compression.type of the ingest producer (lz4 measured best for event JSON here).");
    /**
     * 1 ms with {@link #MAX_IN_FLIGHT} 5. On a single broker 0 ms with 1 or 2 in flight halves the idle wait of a
     * single event at moderate concurrency, but on a replicated cluster it adds a replication round trip after every
     * stall, a broker failover's included (docs/benchmarks.md, "Fewer requests in flight, no linger").
     */
    public static final Setting<Duration> LINGER = Setting.duration(
            "UGC_INGEST_LINGER",
            "1ms",
            "linger.ms of the ingest producer: how long a partial batch waits for more records.");

    public static final Setting<Duration> DELIVERY_TIMEOUT = Setting.duration(
            "UGC_INGEST_DELIVERY_TIMEOUT",
            "10s",
            "Upper bound for Kafka to acknowledge an event (delivery.timeout.ms); past it the request is a 503.");
    public static final Setting<Duration> REQUEST_TIMEOUT = Setting.duration(
            "UGC_INGEST_REQUEST_TIMEOUT",
            "3s",
            "request.timeout.ms of the ingest producer (at most UGC_INGEST_DELIVERY_TIMEOUT minus UGC_INGEST_LINGER): "
                    + "a produce request a broker leaves unanswered this long is retried, on the partition's new "
                    + "leader if the broker hangs.");
    public static final Setting<Duration> MAX_BLOCK = Setting.duration(
            "UGC_INGEST_MAX_BLOCK",
            "2s",
            "max.block.ms of the ingest producer: longest wait for metadata, buffer space or a place in the send "
                    + "queue before a send fails (503).");
    public static final Setting<Duration> RETRY_AFTER = Setting.duration(
            "UGC_INGEST_RETRY_AFTER",
            "5s",
            "Retry-After sent with a 503 when Kafka could not take the write, and how long the Kafka circuit stays "
                    + "open before it lets probe requests through.");
    public static final Setting<Integer> MAX_QUEUED_MIB = Setting.integer(
            "UGC_INGEST_MAX_QUEUED_MIB",
            32,
            1,
            1024,
            "MiB of encoded events that may wait for the producer; beyond it requests are answered 503 at once.");
    public static final Setting<Integer> MAX_IN_FLIGHT = Setting.integer(
            "UGC_INGEST_MAX_IN_FLIGHT",
            5,
            1,
            5,
            "max.in.flight.requests.per.connection of the ingest producer: produce requests to one broker awaiting "
                    + "their answer at once (at most 5, the idempotent producer's limit).");

    public static final List<Setting<?>> SETTINGS = List.of(
            MAX_FUTURE_SKEW,
            MAX_AGE,
            MAX_BATCH,
            COMPRESSION,
            LINGER,
            DELIVERY_TIMEOUT,
            REQUEST_TIMEOUT,
            MAX_BLOCK,
            RETRY_AFTER,
            MAX_QUEUED_MIB,
            MAX_IN_FLIGHT);

    public IngestSettings {
        if (deliveryTimeout.compareTo(linger.plusSeconds(1)) < 0) {
            throw new ConfigException("invalid UGC_INGEST_DELIVERY_TIMEOUT='" + deliveryTimeout
                    + "': must exceed UGC_INGEST_LINGER by at least 1s");
        }
        if (requestTimeout.toMillis() < 100) {
            throw new ConfigException("invalid UGC_INGEST_REQUEST_TIMEOUT='" + requestTimeout + "': at least 100ms");
        }
        if (retryAfter.toSeconds() < 1) {
            throw new ConfigException("invalid UGC_INGEST_RETRY_AFTER='" + retryAfter + "': at least 1s");
        }
    }

    public static IngestSettings from(Env env) {
        return new IngestSettings(
                new ValidationRules(env.get(MAX_FUTURE_SKEW), env.get(MAX_AGE)),
                env.get(MAX_BATCH),
                env.get(COMPRESSION),
                env.get(LINGER),
                env.get(DELIVERY_TIMEOUT),
                env.get(REQUEST_TIMEOUT),
                env.get(MAX_BLOCK),
                env.get(RETRY_AFTER),
                env.get(MAX_QUEUED_MIB) * 1024L * 1024L,
                env.get(MAX_IN_FLIGHT));
    }

    public static IngestSettings defaults() {
        return from(Env.of(java.util.Map.of()));
    }

    public IngestSettings withTimeouts(Duration newDeliveryTimeout, Duration newMaxBlock) {
        return new IngestSettings(
                rules,
                maxBatchEvents,
                compression,
                linger,
                newDeliveryTimeout,
                requestTimeout,
                newMaxBlock,
                retryAfter,
                maxQueuedBytes,
                maxInFlight);
    }

    /** The request.timeout.ms the producer is given: Kafka requires delivery.timeout.ms >= linger.ms + it. */
    public Duration effectiveRequestTimeout() {
        Duration cap = deliveryTimeout.minus(linger);
        return requestTimeout.compareTo(cap) <= 0 ? requestTimeout : cap;
    }

    public IngestSettings withCompression(Compression newCompression) {
        return new IngestSettings(
                rules,
                maxBatchEvents,
                newCompression,
                linger,
                deliveryTimeout,
                requestTimeout,
                maxBlock,
                retryAfter,
                maxQueuedBytes,
                maxInFlight);
    }
}
