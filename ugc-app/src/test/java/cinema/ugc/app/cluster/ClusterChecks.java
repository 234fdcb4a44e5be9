package cinema.ugc.app.cluster;

import cinema.ugc.ops.cluster.ClusterLayout.ClickHouseNode;
import cinema.ugc.ops.cluster.LocalCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What the fault test reads back: rows in the Distributed table, consumer lag. */
final class ClusterChecks {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final LocalCluster cluster;

    ClusterChecks(LocalCluster cluster) {
        this.cluster = cluster;
    }

    /** Runs SQL on the first live ClickHouse server. */
    String sql(String statement) {
        IllegalStateException last = null;
        for (ClickHouseNode n : cluster.layout().clickhouse()) {
            try {
                return sql(n, statement);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    long number(String statement) {
        return Long.parseLong(sql(statement).trim());
    }

    /** How many of these ids the Distributed table holds (deduplicated), in chunks below max_query_size. */
    long presentOf(List<String> ids) {
        long present = 0;
        for (int i = 0; i < ids.size(); i += 2000) {
            String in = ids.subList(i, Math.min(ids.size(), i + 2000)).stream()
                    .map(id -> "toUUID('" + id + "')")
                    .collect(Collectors.joining(","));
            present += number("SELECT count() FROM (SELECT event_id FROM ugc.events WHERE event_id IN (" + in
                    + ") GROUP BY event_id)");
        }
        return present;
    }

    /** Consumer-group lag of the ETL over all partitions of the event topic. */
    long lag() throws Exception {
        return lag("ugc-etl");
    }

    /** Lag of {@code group}: records of the event topic it has not committed (all of them before its first commit). */
    long lag(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.layout().kafkaBootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < LocalCluster.PARTITIONS; p++) {
                latest.put(new TopicPartition(LocalCluster.TOPIC, p), OffsetSpec.latest());
            }
            long lag = 0;
            for (var e :
                    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                lag += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        }
    }

    static List<String> ids(Path file) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                ids.add(line.trim());
            }
        }
        return ids;
    }

    private static String sql(ClickHouseNode n, String statement) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.httpPort() + "/"))
                            .timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString(statement))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(n.name() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(n.name() + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
