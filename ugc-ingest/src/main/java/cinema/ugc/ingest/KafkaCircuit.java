package cinema.ugc.ingest;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the ingest producer can reach Kafka, judged by how its recent requests ended (a Resilience4j circuit
 * breaker). Closed: requests go to Kafka. Open (most recent requests failed): new requests are refused at once, so they
 * do not join a queue that cannot drain. After {@code openFor} it lets a few probe requests through; their success
 * closes it again, their failure reopens it. Readiness and the {@code ugc_ingest_kafka_circuit} gauge show the state.
 *
 * <p>Each request that {@link #tryAcquire() acquired} a permit must end with exactly one of {@link #succeeded},
 * {@link #failed} or {@link #released}.
 */
public final class KafkaCircuit {
    private static final Logger log = LoggerFactory.getLogger(KafkaCircuit.class);
    /** Judged over the last 10 requests, from the 5th on: one lost request among many does not open it. */
    private static final int WINDOW = 10;

    private static final int MIN_CALLS = 5;
    private static final float FAILURE_PERCENT = 50;
    private static final int PROBES = 3;

    private final CircuitBreaker breaker;

    public KafkaCircuit(Duration openFor, MeterRegistry registry) {
        this.breaker = CircuitBreaker.of(
                "kafka",
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(WINDOW)
                        .minimumNumberOfCalls(MIN_CALLS)
                        .failureRateThreshold(FAILURE_PERCENT)
                        .waitDurationInOpenState(openFor)
                        .permittedNumberOfCallsInHalfOpenState(PROBES)
                        .automaticTransitionFromOpenToHalfOpenEnabled(true)
                        .build());
        breaker.getEventPublisher()
                .onStateTransition(e -> log.warn(
                        "Kafka circuit {} → {}",
                        e.getStateTransition().getFromState(),
                        e.getStateTransition().getToState()));
        for (CircuitBreaker.State state : new CircuitBreaker.State[] {
            CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN
        }) {
            Gauge.builder("ugc.ingest.kafka.circuit", breaker, b -> b.getState() == state ? 1 : 0)
                    .description(
                            "State of the ingest producer's Kafka circuit: 1 for the current state, 0 for the others")
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    /** False while open (or when the half-open probes are taken): refuse the request without sending. */
    public boolean tryAcquire() {
        return breaker.tryAcquirePermission();
    }

    public void succeeded(long elapsedNanos) {
        breaker.onSuccess(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    public void failed(long elapsedNanos, Throwable cause) {
        breaker.onError(elapsedNanos, TimeUnit.NANOSECONDS, cause);
    }

    /** The request never reached Kafka for a reason that says nothing about Kafka (e.g. the queue was full). */
    public void released() {
        breaker.releasePermission();
    }

    /** True while requests are refused: the last ones failed and the probe period has not begun. */
    public boolean isOpen() {
        CircuitBreaker.State state = breaker.getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    public String state() {
        return breaker.getState().name().toLowerCase(Locale.ROOT);
    }
}
