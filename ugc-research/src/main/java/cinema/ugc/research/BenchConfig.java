package cinema.ugc.research;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One storage-research run.
 *
 * @param rows              size of the full data set the queries run on
 * @param repeats           timed repetitions of every query (after one untimed, cross-checked run)
 * @param loadRepeats       repetitions of every load measurement (each into an empty store)
 * @param batchSizes        batch sizes of the load measurements
 * @param singleRowPrefix   rows loaded at batch size 1 (a prefix: one round trip per row would take hours at full size)
 * @param batchesPerLoad    batches written per load measurement at batch sizes above 1 ...
 * @param maxLoadRows       ... but at most this many rows (and never more than {@code rows})
 * @param fullLoadBatch     batch size of the full-size load
 * @param writerRowsPerSecond target rate of the concurrent writer during the under-load reads
 * @param writerBatch       batch size of the concurrent writer
 * @param out               where the report, charts and results go
 * @param command           the command line, quoted in the report
 * @param verticaUrl        a Vertica JDBC URL the user gave, or null
 * @param progress          whether to draw progress bars
 */
public record BenchConfig(
        long rows,
        long seed,
        List<String> stores,
        int repeats,
        int loadRepeats,
        List<Integer> batchSizes,
        long singleRowPrefix,
        int batchesPerLoad,
        long maxLoadRows,
        int fullLoadBatch,
        int writerRowsPerSecond,
        int writerBatch,
        Path out,
        String command,
        String verticaUrl,
        boolean progress) {

    public static final List<Integer> DEFAULT_BATCH_SIZES = List.of(1, 100, 1_000, 10_000, 100_000);

    public BenchConfig {
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(out, "out");
        if (rows < 1 || repeats < 1 || loadRepeats < 1 || stores.isEmpty() || batchesPerLoad < 1) {
            throw new IllegalArgumentException("rows, repeats, batches per load and stores must be positive");
        }
        stores = List.copyOf(stores);
        batchSizes = List.copyOf(batchSizes);
    }

    /** Rows a load at {@code batchSize} writes. */
    public long loadRows(int batchSize) {
        long wanted = batchSize == 1
                ? singleRowPrefix
                : Math.max(batchSize, Math.min(maxLoadRows, (long) batchSize * batchesPerLoad));
        return Math.min(rows, wanted);
    }
}
