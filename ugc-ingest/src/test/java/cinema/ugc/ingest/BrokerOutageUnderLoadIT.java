package cinema.ugc.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.web.CorsSettings;
import cinema.ugc.web.Routes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker stopped under steady open-loop load (1,000 events/s in batches of 10, after a warm-up): every request is
 * answered within the delivery timeout plus 2 s, refusals are 503 + Retry-After, readiness turns 503 and back to 200 without a restart,
 * and after the broker returns every event answered 202 is in the topic exactly once (the client never re-sends, so
 * no id may be there twice; a 503'd id may be there once, since a timed-out write can still land).
 */
class BrokerOutageUnderLoadIT {
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(3);
    static final Duration BOUND = DELIVERY_TIMEOUT.plusSeconds(2);
    static final Duration WARM_UP = Duration.ofSeconds(5);
    static final int BATCH = 10;
    static final long PERIOD_MICROS = 10_000; // 100 requests/s × 10 events = 1,000 events/s
    static final String[] USERS = {TestApi.newUser(), TestApi.newUser(), TestApi.newUser(), TestApi.newUser()};

    static TestApi api;
    static final ServerClock SERVER = new ServerClock();

    @BeforeAll
    static void start() throws Exception {
        // No per-user rate limit: 1,000 events/s over four users is above its default, and this test is about the
        // broker
        api = new TestApi(
                IngestSettings.defaults().withTimeouts(DELIVERY_TIMEOUT, Duration.ofSeconds(1)),
                List.of(SERVER),
                CorsSettings.none(),
                new RateLimitSettings(0));
    }

    /** A server answer: when the router got the request, how long until the response ended, and its status. */
    record Served(long startNanos, long nanos, int status) {}

    /**
     * Times each ingest request inside the server, first thing in the router (as {@code http_server_requests} does,
     * but per request, so the warm-up can be left out): the service's own part of a request's latency.
     */
    static final class ServerClock implements Routes {
        final Queue<Served> served = new ConcurrentLinkedQueue<>();

        @Override
        public void mount(Router router) {
            router.route("/api/v1/events/*").order(-1_000).handler(ctx -> {
                long start = System.nanoTime();
                ctx.addEndHandler(ar -> served.add(new Served(
                        start, System.nanoTime() - start, ctx.response().getStatusCode())));
                ctx.next();
            });
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** What one request got, and when. */
    record Outcome(List<String> ids, long startNanos, long endNanos, int status, boolean retryAfter, String error) {
        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
        }
    }

    /** Sends one batch every PERIOD_MICROS whatever the answers (open loop), as a fleet of players would. */
    static final class Load implements AutoCloseable {
        final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicLong sent = new AtomicLong();
        /** Patient connects: on a machine shared by many builds a connect can take seconds; it is not the server's answer. */
        final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(60))
                .build();

        Load start() {
            clock.scheduleAtFixedRate(this::sendOne, 0, PERIOD_MICROS, TimeUnit.MICROSECONDS);
            return this;
        }

        void sendOne() {
            List<String> ids = new ArrayList<>(BATCH);
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < BATCH; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                body.append(i == 0 ? "" : ",").append(TestApi.event("CLICK", "event_id", "\"" + id + "\""));
            }
            String user = USERS[(int) (sent.getAndIncrement() % USERS.length)];
            long started = System.nanoTime();
            inFlight.incrementAndGet();
            http.sendAsync(
                            api.postJson(
                                            "/api/v1/events/batch",
                                            user,
                                            body.append(']').toString().getBytes(StandardCharsets.UTF_8))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        outcomes.add(new Outcome(
                                ids,
                                started,
                                System.nanoTime(),
                                response == null ? -1 : response.statusCode(),
                                response != null
                                        && response.headers()
                                                .firstValue("Retry-After")
                                                .isPresent(),
                                error == null ? null : error.toString()));
                        inFlight.decrementAndGet();
                    });
        }

        @Override
        public void close() {
            clock.shutdownNow();
            await().atMost(BOUND.plusSeconds(30)).until(() -> inFlight.get() == 0);
        }
    }

    @Test
    void everyRequestIsAnsweredInBoundedTimeAndEvery202IsStoredOnce() throws Exception {
        long steadyFrom;
        long stoppedAt;
        long readyAgainAt;
        Load load = new Load().start();
        try {
            // Warm-up: the client opens its connections and both JVMs compile their hot paths; not part of the bound.
            long warmUntil = System.nanoTime() + WARM_UP.toNanos();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> System.nanoTime() > warmUntil
                            && load.outcomes.stream()
                                            .filter(o -> o.status == 202)
                                            .count()
                                    >= 500);
            steadyFrom = System.nanoTime();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> load.outcomes.stream()
                                    .filter(o -> o.startNanos > steadyFrom && o.status == 202)
                                    .count()
                            >= 200);
            stoppedAt = System.nanoTime();
            api.kafka.stop();
            await().atMost(BOUND.multipliedBy(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> readiness() == 503);
            // The circuit opened: requests are refused without joining the queue.
            await().atMost(BOUND.multipliedBy(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> api.send(api.request("/metrics"))
                            .body()
                            .contains("ugc_ingest_producer_errors_total{type=\"CircuitOpen\"}"));
            // Outage long enough for requests sent into it to reach their deadline.
            long outageEnd = System.nanoTime() + BOUND.multipliedBy(2).toNanos();
            await().atMost(BOUND.multipliedBy(3)).until(() -> System.nanoTime() > outageEnd);
            api.kafka.restart();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> readiness() == 200);
            readyAgainAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> load.outcomes.stream()
                                    .filter(o -> o.startNanos > readyAgainAt && o.status == 202)
                                    .count()
                            >= 100);
        } finally {
            load.close();
        }
        List<Outcome> outcomes =
                load.outcomes.stream().filter(o -> o.startNanos >= steadyFrom).toList();
        report(outcomes, stoppedAt, readyAgainAt);
        assertTrue(
                api.send(api.request("/metrics")).body().contains("ugc_ingest_kafka_circuit{state=\"closed\"} 1.0"),
                "the circuit closed again by itself");
        assertServerAnsweredWithinTheBound(steadyFrom);
        assertBoundedAndHonest(outcomes);
        assertEvery202StoredOnce(outcomes);
    }

    static int readiness() throws Exception {
        return api.send(api.request("/health/ready")).statusCode();
    }

    /** Every request got 202 or 503 (with Retry-After), and the refusals came at once while the circuit was open. */
    static void assertBoundedAndHonest(List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            assertTrue(o.error == null, "every request was answered: " + o.error);
            assertTrue(o.status == 202 || o.status == 503, "202 or 503 only, got " + o.status);
            assertTrue(o.status != 503 || o.retryAfter, "a 503 carries Retry-After");
        }
        assertTrue(outcomes.stream().anyMatch(o -> o.status == 503), "the outage was seen");
    }

    /**
     * The bound, measured where the service can keep it: from the request's arrival at the router to the end of its
     * answer. The client's own figures, which add its connection handling on this shared machine, are reported beside.
     */
    static void assertServerAnsweredWithinTheBound(long steadyFrom) {
        List<Served> served =
                SERVER.served.stream().filter(s -> s.startNanos >= steadyFrom).toList();
        long[] millis = served.stream()
                .mapToLong(s -> TimeUnit.NANOSECONDS.toMillis(s.nanos))
                .sorted()
                .toArray();
        System.out.printf(
                Locale.ROOT,
                "SERVER-LATENCY requests=%d p50=%d ms p95=%d ms max=%d ms bound=%d ms%n",
                millis.length,
                percentile(millis, 50),
                percentile(millis, 95),
                millis[millis.length - 1],
                BOUND.toMillis());
        for (Served s : served) {
            assertTrue(
                    s.nanos <= BOUND.toNanos(),
                    "answered within delivery timeout + 2 s: " + s.status + " after "
                            + TimeUnit.NANOSECONDS.toMillis(s.nanos) + " ms");
        }
    }

    static void assertEvery202StoredOnce(List<Outcome> outcomes) {
        Map<String, Integer> copies = new HashMap<>();
        for (String user : USERS) {
            api.recordsOf(user)
                    .forEach(r -> copies.merge(
                            new JsonObject(new String(r.value(), StandardCharsets.UTF_8)).getString("event_id"),
                            1,
                            Integer::sum));
        }
        long accepted = 0;
        for (Outcome o : outcomes) {
            for (String id : o.ids) {
                int n = copies.getOrDefault(id, 0);
                assertTrue(n <= 1, "no event is in the topic twice: " + id + " × " + n);
                if (o.status == 202) {
                    assertEquals(1, n, "a 202'd event is in the topic: " + id);
                    accepted++;
                }
            }
        }
        assertTrue(accepted > 0);
    }

    static void report(List<Outcome> outcomes, long stoppedAt, long readyAgainAt) {
        List<Outcome> outage = outcomes.stream()
                .filter(o -> o.startNanos >= stoppedAt && o.startNanos < readyAgainAt)
                .toList();
        long[] millis = outage.stream().mapToLong(Outcome::millis).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "OUTAGE-LATENCY requests=%d (503: %d, 202: %d) during the outage of %.1f s: "
                        + "p50=%d ms p95=%d ms max=%d ms; all requests=%d, bound=%d ms%n",
                millis.length,
                outage.stream().filter(o -> o.status == 503).count(),
                outage.stream().filter(o -> o.status == 202).count(),
                (readyAgainAt - stoppedAt) / 1e9,
                percentile(millis, 50),
                percentile(millis, 95),
                millis.length == 0 ? 0 : millis[millis.length - 1],
                outcomes.size(),
                BOUND.toMillis());
    }

    static long percentile(long[] sorted, int p) {
        return sorted.length == 0
                ? 0
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
