package cinema.ugc.research;

import cinema.ugc.research.BenchResults.Footprint;
import cinema.ugc.research.BenchResults.FullLoad;
import cinema.ugc.research.BenchResults.LoadResult;
import cinema.ugc.research.BenchResults.QueryResult;
import cinema.ugc.research.BenchResults.WriterResult;
import cinema.ugc.research.internal.Loader;
import cinema.ugc.research.internal.Machine;
import cinema.ugc.research.internal.Progress;
import cinema.ugc.research.internal.SteadyWriter;
import cinema.ugc.research.internal.SyntheticDataSet;
import cinema.ugc.store.EventQueries;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.clickhouse.ClickHouseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage research: the same data set loaded into every store through the product's {@link EventStore}
 * classes, then the same queries, each answer cross-checked equal across stores before any timing counts.
 *
 * <p>Phases: loads per batch size into empty stores (repeated, count verified each time) → one full-size load per
 * store (count verified, disk footprint) → idle reads → reads while a steady writer inserts.
 */
public final class StorageBenchmark {
    private static final Logger log = LoggerFactory.getLogger(StorageBenchmark.class);
    static final String LOAD_NAMESPACE = "ugc_bench_load";
    static final String FULL_NAMESPACE = "ugc_bench_full";
    /** The name under which ClickHouse's queries reading FINAL are reported. */
    public static final String CLICKHOUSE_FINAL = "clickhouse-final";

    private static final long WRITER_PLANNED_ROWS = 10_000_000;

    private final BenchConfig config;
    private final Map<String, StoreTarget> targets;
    private final DataSet data;
    private final DataSet writerData;
    private final List<QuerySet.Query> queries;
    private final Map<String, String> versions = new LinkedHashMap<>();

    /** @param targets the stores to compare, by name, in report order */
    public StorageBenchmark(BenchConfig config, Map<String, StoreTarget> targets) {
        this.config = config;
        this.targets = targets;
        SyntheticDataSet dataSet = SyntheticDataSet.standard(config.seed(), config.rows());
        this.data = dataSet;
        // Planned far beyond what the writer writes in the reads under load (2,000 rows/s: over an hour per store).
        this.writerData = new SyntheticDataSet(
                config.seed() + 1, WRITER_PLANNED_ROWS, dataSet.to(), Duration.ofDays(30), "lw-user-", "lw-film-");
        this.queries = QuerySet.standard(
                dataSet.from(), dataSet.to(), dataSet.topFilm(), dataSet.heavyUser(), dataSet.typicalUser());
    }

    public BenchResults run() {
        Instant started = Instant.now();
        Map<String, String> machine = Machine.describe();
        machine.put("load_average_at_start", Machine.loadAverage());
        List<LoadResult> loads = measureLoads();
        List<FullLoad> fullLoads = new ArrayList<>();
        List<Footprint> footprints = new ArrayList<>();
        Map<String, EventStore> stores = loadFull(fullLoads, footprints);
        try {
            List<QueryResult> results = new ArrayList<>();
            Map<String, String> expected = QueryRunner.idle(queries, readers(stores), config, results);
            List<WriterResult> writers = underLoad(stores, expected, results);
            machine.put("load_average_at_end", Machine.loadAverage());
            var env = new BenchResults.Environment(
                    config.command(),
                    started.toString(),
                    Instant.now().toString(),
                    config.rows(),
                    config.seed(),
                    data.describe(),
                    versions,
                    machine,
                    parameters());
            return new BenchResults(env, loads, fullLoads, footprints, results, writers, notMeasured());
        } finally {
            stores.values().forEach(EventStore::close);
            targets.values().forEach(t -> t.drop(FULL_NAMESPACE));
        }
    }

    private List<LoadResult> measureLoads() {
        List<LoadResult> results = new ArrayList<>();
        for (var target : targets.values()) {
            long total =
                    config.batchSizes().stream().mapToLong(config::loadRows).sum() * config.loadRepeats();
            try (Progress progress = Progress.of(config.progress(), "load " + target.name(), total, "rows")) {
                for (int batchSize : config.batchSizes()) {
                    results.add(measureLoad(target, batchSize, progress));
                }
            }
        }
        return results;
    }

    private LoadResult measureLoad(StoreTarget target, int batchSize, Progress progress) {
        long rows = config.loadRows(batchSize);
        double[] rates = new double[config.loadRepeats()];
        Histogram batches = new Histogram(3_600_000_000L, 3);
        for (int r = 0; r < config.loadRepeats(); r++) {
            target.drop(LOAD_NAMESPACE);
            try (EventStore store = target.open(LOAD_NAMESPACE)) {
                store.migrate();
                versions.putIfAbsent(target.name(), store.describe());
                Loader.Run run = Loader.load(store, data.events(rows), rows, batchSize, progress);
                rates[r] = run.rowsPerSecond();
                batches.add(run.batchMicros());
            }
            target.drop(LOAD_NAMESPACE);
        }
        log.info(
                "{}: {} rows in batches of {}: {} rows/s (p50 of {})",
                target.name(),
                rows,
                batchSize,
                Math.round(Summary.of(rates).p50()),
                config.loadRepeats());
        return new LoadResult(target.name(), batchSize, rows, Summary.of(rates), QueryRunner.millis(batches), true);
    }

    private Map<String, EventStore> loadFull(List<FullLoad> fullLoads, List<Footprint> footprints) {
        Map<String, EventStore> stores = new LinkedHashMap<>();
        for (var target : targets.values()) {
            target.drop(FULL_NAMESPACE);
            EventStore store = target.open(FULL_NAMESPACE);
            store.migrate();
            versions.putIfAbsent(target.name(), store.describe());
            Loader.Run run;
            try (Progress progress =
                    Progress.of(config.progress(), "full load " + target.name(), config.rows(), "rows")) {
                run = Loader.load(store, data.events(config.rows()), config.rows(), config.fullLoadBatch(), progress);
            }
            fullLoads.add(new FullLoad(
                    target.name(),
                    run.rows(),
                    config.fullLoadBatch(),
                    run.writeNanos() / 1e9,
                    run.rowsPerSecond(),
                    run.countAfter()));
            store.close(); // so that embedded engines flush and every byte is on disk when measured
            long bytes = target.footprintBytes(FULL_NAMESPACE);
            footprints.add(new Footprint(
                    target.name(), config.rows(), bytes, (double) bytes / config.rows(), target.footprintMethod()));
            EventStore reopened = target.open(FULL_NAMESPACE);
            reopened.migrate(); // as the application opens a store: DuckDB reads its id fingerprints here, not in a
            // write
            stores.put(target.name(), reopened);
            log.info(
                    "{}: full load of {} rows at {} rows/s, {} bytes on disk",
                    target.name(),
                    config.rows(),
                    Math.round(run.rowsPerSecond()),
                    bytes);
        }
        return stores;
    }

    /**
     * What the idle reads time: every store's queries, and on ClickHouse also the same queries reading {@code FINAL}
     * ({@value #CLICKHOUSE_FINAL}) — the product keeps copies out of the table and reads without it; the second
     * flavour shows what read-time deduplication would cost on the same data.
     */
    static Map<String, EventQueries> readers(Map<String, EventStore> stores) {
        Map<String, EventQueries> readers = new LinkedHashMap<>();
        stores.forEach((name, store) -> {
            readers.put(name, store.queries());
            if (store instanceof ClickHouseStore clickhouse) {
                readers.put(CLICKHOUSE_FINAL, clickhouse.queriesReadingFinal());
            }
        });
        return readers;
    }

    private List<WriterResult> underLoad(
            Map<String, EventStore> stores, Map<String, String> expected, List<QueryResult> results) {
        List<WriterResult> writers = new ArrayList<>();
        for (var entry : stores.entrySet()) {
            String name = entry.getKey();
            EventStore store = entry.getValue(); // stores are thread-safe: the ETL and the API share one, too
            SteadyWriter writer = new SteadyWriter(
                            store,
                            writerData.events(Long.MAX_VALUE),
                            config.writerRowsPerSecond(),
                            config.writerBatch())
                    .start();
            try (writer) {
                QueryRunner.underLoad(queries, name, store, expected, config, results);
            }
            long count = store.queries().countEvents();
            long want = config.rows() + writer.written();
            if (count != want) {
                throw new IllegalStateException(
                        name + " holds " + count + " events after the concurrent writer, expected " + want);
            }
            writers.add(new WriterResult(
                    name,
                    config.writerRowsPerSecond(),
                    writer.written(),
                    writer.achievedRowsPerSecond(),
                    QueryRunner.millis(writer.batchMicros()),
                    count,
                    true));
        }
        return writers;
    }

    private Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("repeats", Integer.toString(config.repeats()));
        p.put("load_repeats", Integer.toString(config.loadRepeats()));
        p.put("batch_sizes", config.batchSizes().toString());
        for (int b : config.batchSizes()) {
            p.put("rows_at_batch_size_" + b, Long.toString(config.loadRows(b)));
        }
        p.put("full_load_batch", Integer.toString(config.fullLoadBatch()));
        p.put("writer_rows_per_second", Integer.toString(config.writerRowsPerSecond()));
        p.put("writer_batch", Integer.toString(config.writerBatch()));
        for (var q : queries) {
            p.put("query." + q.name(), q.question());
        }
        return p;
    }

    private List<String> notMeasured() {
        String why = config.verticaUrl() == null
                ? "no Vertica server can be installed on this machine and no --vertica-url was given"
                : "--vertica-url " + config.verticaUrl() + " was given, but the product has no Vertica EventStore yet "
                        + "(the research only measures the classes the product runs)";
        return List.of("Vertica: not measured here — " + why + ".");
    }
}
