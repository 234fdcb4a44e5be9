package cinema.ugc.store.clickhouse;

import cinema.ugc.store.DedupWindow;
import cinema.ugc.store.EventQueries;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.StoreSettings;
import cinema.ugc.store.StoredEvent;
import cinema.ugc.store.internal.Identities;
import cinema.ugc.store.internal.Migration;
import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ClickHouse over HTTP with client-v2, restricted to what 18.16 and 23+ both understand: RowBinary inserts,
 * TabSeparated reads (typed reads fail on 18.16), no compression either way. The first copy of an identity (user_id,
 * event_id) wins: a batch keeps one copy per identity, and {@link RecentIdentities} drops the rows already stored, so
 * copies never reach the table and counts read it without {@code FINAL} (docs/adr/0008).
 */
public final class ClickHouseStore implements EventStore {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseStore.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Below ClickHouse's keep_alive_timeout (3 s in 18.16's default config), with room for a busy host's timing. */
    private static final Duration KEEP_IDLE_CONNECTION = Duration.ofSeconds(2);

    private final Client client;
    private final String db;
    private final String endpoint;
    private final ClickHouseQueries queries;
    private final ClickHouseQueries queriesReadingFinal;
    private final ClickHouseCluster cluster; // null: a single server
    private final ThreadLocal<RowBinary> encoders = ThreadLocal.withInitial(RowBinary::new);
    private final RecentIdentities recent;

    private ClickHouseStore(
            Client client,
            String db,
            String endpoint,
            ClickHouseCluster cluster,
            Duration window,
            String user,
            String password) {
        this.client = client;
        this.cluster = cluster;
        this.db = db;
        this.endpoint = endpoint;
        this.queries = new ClickHouseQueries(this::select, db, false);
        this.queriesReadingFinal = new ClickHouseQueries(this::select, db, true);
        this.recent = new RecentIdentities(
                window,
                new StoredIdentities(
                        this::select,
                        () -> cluster == null
                                ? db + ".events"
                                : cluster.everyReplica(select(cluster.serversQuery()), db, user, password)));
    }

    /** Builds the client; nothing is sent until the first call, so an unreachable server fails that call. */
    public static ClickHouseStore open(StoreSettings s) {
        String endpoint = s.clickhouseUrl().toString();
        Client client = new Client.Builder()
                .addEndpoint(endpoint)
                .setUsername(s.clickhouseUser())
                .setPassword(s.clickhousePassword())
                .setDefaultDatabase("default") // the events database may not exist before migrate()
                .compressServerResponse(
                        false) // 18.16 cannot read compressed requests or write what client-v2 expects of compressed
                // responses
                .compressClientRequest(false)
                .useHttpCompression(false)
                .setConnectTimeout(5, ChronoUnit.SECONDS)
                .setSocketTimeout(TIMEOUT.toMillis())
                // An idle pooled connection is dropped here before the server closes it. Left to the server's
                // Keep-Alive header, a request sent just as the server's timer ran out met a closed socket ("failed
                // to respond") and stopped an ETL's start.
                .setKeepAliveTimeout(KEEP_IDLE_CONNECTION.toMillis(), ChronoUnit.MILLIS)
                .setMaxRetries(0) // the ETL owns retries (backoff, pause); hidden retries would blur the picture
                .build();
        ClickHouseCluster cluster = s.clickhouseCluster() == null ? null : new ClickHouseCluster(s.clickhouseCluster());
        return new ClickHouseStore(
                client,
                s.clickhouseDatabase(),
                endpoint,
                cluster,
                s.clickhouseDedupWindow(),
                s.clickhouseUser(),
                s.clickhousePassword());
    }

    @Override
    public String describe() {
        return "ClickHouse " + select("SELECT version()").get(0)[0];
    }

    @Override
    public void migrate() {
        List<String> bootstrap = ClickHouseSchema.bootstrap(db);
        (cluster == null ? bootstrap : cluster.bootstrap(bootstrap)).forEach(this::command);
        Set<Integer> applied = new HashSet<>();
        select("SELECT version FROM " + db + ".schema_migrations FINAL")
                .forEach(r -> applied.add(Integer.valueOf(r[0])));
        List<Migration> migrations = ClickHouseSchema.migrations(db);
        for (Migration m : cluster == null ? migrations : cluster.migrations(migrations)) {
            if (!applied.contains(m.version())) {
                LOG.info("applying ClickHouse migration {}: {}", m.version(), m.description());
                m.statements().forEach(this::command);
                // several instances may both get here: the statements are IF NOT EXISTS and the version rows collapse
                command("INSERT INTO " + db + ".schema_migrations VALUES (" + m.version() + ", "
                        + Tsv.quote(m.description()) + ", now())");
            }
        }
    }

    /**
     * One copy per identity (the first consumed), minus those already stored, in one insert. Concurrent writers must
     * write disjoint Kafka partitions, as the ETL's consumers do.
     */
    @Override
    public void write(List<StoredEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Identities.Unique unique = Identities.Unique.of(batch);
        List<StoredEvent> fresh = recent.fresh(unique.rows(), unique.fingerprints());
        try {
            insert(fresh);
            recent.remember(unique.rows(), unique.fingerprints());
        } catch (RuntimeException e) {
            recent.uncertain(fresh); // some parts of the insert may be stored: the retry reads them back
            throw e;
        }
    }

    @Override
    public void partitionsAssigned(Map<Integer, Long> nextOffsets) {
        recent.forget(nextOffsets);
    }

    /** The window of recent identities that keeps client re-sends out (UGC_CLICKHOUSE_DEDUP_WINDOW). */
    @Override
    public Optional<DedupWindow> dedupWindow() {
        return Optional.of(recent.size());
    }

    private void insert(List<StoredEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        RowBinary encoder = encoders.get();
        InputStream rows = encoder.encode(batch);
        InsertSettings settings = cluster == null ? new InsertSettings() : cluster.insertSettings(new InsertSettings());
        try (InputStream in = rows) {
            client.insert(db + ".events", ClickHouseSchema.COLUMNS, in, ClickHouseFormat.RowBinary, settings)
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .close();
            LOG.debug("inserted {} rows ({} bytes)", batch.size(), encoder.length());
        } catch (Exception e) {
            interruptedAgain(e);
            throw ClickHouseErrors.classify("insert of " + batch.size() + " rows at " + endpoint, e);
        }
    }

    /** Runs a query and returns its TabSeparated rows. */
    List<String[]> select(String sql) {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.TabSeparated);
        try (QueryResponse r =
                client.query(sql + " FORMAT TabSeparated", settings).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            return Tsv.parse(new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            interruptedAgain(e);
            throw ClickHouseErrors.classify("query at " + endpoint + " [" + abbreviate(sql) + "]", e);
        }
    }

    void command(String sql) {
        try (QueryResponse r = client.query(sql).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            r.getInputStream().readAllBytes();
        } catch (Exception e) {
            interruptedAgain(e);
            throw ClickHouseErrors.classify("statement at " + endpoint + " [" + abbreviate(sql) + "]", e);
        }
    }

    private static void interruptedAgain(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    private static String abbreviate(String sql) {
        String one = sql.replaceAll("\\s+", " ");
        return one.length() <= 120 ? one : one.substring(0, 117) + "...";
    }

    @Override
    public EventQueries queries() {
        return queries;
    }

    /**
     * The same queries with every count and sum reading {@code events FINAL}, as before the store kept copies out:
     * the storage research times both, so the comparison shows what read-time deduplication would cost.
     */
    public EventQueries queriesReadingFinal() {
        return queriesReadingFinal;
    }

    @Override
    public cinema.ugc.store.EventEraser eraser() {
        return new ClickHouseEraser(
                this::select, this::command, db, cluster == null ? null : cluster.name(), java.time.Clock.systemUTC());
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (RuntimeException e) {
            LOG.warn("closing ClickHouse client: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ClickHouse[" + endpoint + "/" + db + (cluster == null ? "" : ", cluster " + cluster.name()) + "]";
    }
}
