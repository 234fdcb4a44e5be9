package cinema.ugc.research.internal;

import cinema.ugc.research.StoreTarget;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStores;
import cinema.ugc.store.StoreSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * ClickHouse: one database per namespace on a server reached over HTTP (the store creates it when missing).
 * Administration (drop, disk accounting) goes over plain HTTP, not through the store.
 */
public final class ClickHouseTarget implements StoreTarget {
    private final URI url;
    private final String user;
    private final String password;
    private final AutoCloseable server;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ClickHouseTarget(URI url, String user, String password, AutoCloseable server) {
        this.url = url;
        this.user = user == null ? "default" : user;
        this.password = password == null ? "" : password;
        this.server = server;
    }

    @Override
    public String name() {
        return "clickhouse";
    }

    @Override
    public EventStore open(String namespace) {
        return EventStores.open(new StoreSettings(
                StoreSettings.Kind.CLICKHOUSE, url, user, password, namespace, null, null, null, null));
    }

    @Override
    public long footprintBytes(String namespace) {
        String sum = sql("SELECT sum(bytes_on_disk) FROM system.parts WHERE active AND database = '" + namespace + "'");
        return sum.isBlank() ? 0 : Long.parseLong(sum.trim());
    }

    @Override
    public String footprintMethod() {
        return "sum of bytes_on_disk over the database's active parts in system.parts (compressed columns + marks + indexes)";
    }

    @Override
    public void drop(String namespace) {
        sql("DROP DATABASE IF EXISTS " + namespace);
    }

    @Override
    public void close() {
        Servers.stopQuietly(server);
    }

    private String sql(String query) {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/"))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Basic " + auth)
                .POST(HttpRequest.BodyPublishers.ofString(query))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse " + url + " answered " + response.statusCode() + " to "
                        + query + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("ClickHouse " + url + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
