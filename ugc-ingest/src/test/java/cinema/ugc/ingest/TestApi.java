package cinema.ugc.ingest;

import cinema.ugc.kafka.EmbeddedKafka;
import cinema.ugc.kafka.Topics;
import cinema.ugc.web.BearerAuth;
import cinema.ugc.web.CorsSettings;
import cinema.ugc.web.EventLoops;
import cinema.ugc.web.JwtSettings;
import cinema.ugc.web.JwtVerifier;
import cinema.ugc.web.Routes;
import cinema.ugc.web.TokenIssuer;
import cinema.ugc.web.WebServer;
import cinema.ugc.web.WebSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.file.PathUtils;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A real broker (in-process KRaft, temp dir, free port) plus the ingest API on a free HTTP port, exactly as
 * {@code ./ugc api} assembles them. Integration tests talk to it over real HTTP and read the topic back.
 */
final class TestApi implements AutoCloseable {
    static final String SECRET = "integration-test-secret-at-least-32-bytes";
    static final String TOPIC = "ugc.events";

    final Path dir;
    final EmbeddedKafka kafka;
    final Vertx vertx;
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final IngestApi ingest;
    final WebServer server;
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    final TokenIssuer tokens = new TokenIssuer(SECRET, "roles", Clock.systemUTC());

    private static TestApi shared;

    /** One API + broker for every test class that does not stop the broker (one JVM runs all ITs). */
    static synchronized TestApi shared() throws Exception {
        if (shared == null) {
            shared = new TestApi(IngestSettings.defaults());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    TestApi(IngestSettings settings) throws Exception {
        this(settings, List.of());
    }

    /** @param extra route groups mounted after the ingest routes (e.g. a test's own measuring handler) */
    TestApi(IngestSettings settings, List<Routes> extra) throws Exception {
        this(settings, extra, CorsSettings.none(), RateLimitSettings.defaults());
    }

    TestApi(IngestSettings settings, CorsSettings cors, RateLimitSettings rateLimit) throws Exception {
        this(settings, List.of(), cors, rateLimit);
    }

    TestApi(IngestSettings settings, List<Routes> extra, CorsSettings cors, RateLimitSettings rateLimit)
            throws Exception {
        dir = Files.createTempDirectory("ugc-ingest-it");
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        Topics.ensure(kafka.bootstrapServers(), TOPIC, 3, 1, 1, Duration.ofSeconds(30));
        vertx = EventLoops.create();
        BearerAuth auth = new BearerAuth(JwtVerifier.create(vertx, JwtSettings.hmac(SECRET)));
        ingest = IngestApi.create(vertx, settings, rateLimit, kafka.bootstrapServers(), TOPIC, auth, registry);
        WebServer.Builder builder = WebServer.builder(vertx, WebSettings.forTests(), registry)
                .cors(cors)
                .routes(ingest.routes())
                .routes(ingest.sdk())
                .readiness(ingest.readiness());
        extra.forEach(builder::routes);
        server = builder.build();
        await(server.start());
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    String token(String user) {
        return tokens.issue(user, Duration.ofMinutes(30), List.of());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60));
    }

    HttpRequest.Builder postJson(String path, String user, byte[] body) {
        return request(path)
                .header("Authorization", "Bearer " + token(user))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String event(String action, Object... extra) {
        StringBuilder json = new StringBuilder("{\"action\":\"" + action + "\",\"event_time\":\""
                + Instant.now().minusSeconds(60) + "\"");
        for (int i = 0; i < extra.length; i += 2) {
            json.append(",\"").append(extra[i]).append("\":").append(extra[i + 1]);
        }
        return json.append('}').toString();
    }

    /** Every record of the topic whose key is {@code user}, read from the beginning to the current end. */
    List<ConsumerRecord<byte[], byte[]>> recordsOf(String user) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (user.equals(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }

    static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    @Override
    public void close() {
        try {
            await(server.stop());
        } catch (Exception ignored) {
            // shutting down anyway
        }
        ingest.close();
        vertx.close();
        kafka.close();
        try {
            PathUtils.deleteDirectory(dir);
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
