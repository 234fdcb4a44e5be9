package cinema.ugc.research;

import java.util.List;
import java.util.Map;

/** Everything one run measured, as written to {@code results.json} and rendered into the report. */
public record BenchResults(
        Environment environment,
        List<LoadResult> loads,
        List<FullLoad> fullLoads,
        List<Footprint> footprints,
        List<QueryResult> queries,
        List<WriterResult> writers,
        List<String> notMeasured) {

    /** What was run where. {@code storeVersions}: store name → {@code EventStore.describe()}. */
    public record Environment(
            String command,
            String startedAt,
            String finishedAt,
            long rows,
            long seed,
            String dataSet,
            Map<String, String> storeVersions,
            Map<String, String> machine,
            Map<String, String> parameters) {}

    /** Loads of {@code rows} rows in batches of {@code batchSize} into an empty store, repeated. */
    public record LoadResult(
            String store, int batchSize, long rows, Summary rowsPerSecond, Summary batchMillis, boolean verified) {}

    /** The one full-size load the queries then run on. */
    public record FullLoad(
            String store, long rows, int batchSize, double seconds, double rowsPerSecond, long countAfter) {}

    public record Footprint(String store, long rows, long bytes, double bytesPerRow, String method) {}

    /** {@code phase}: {@code idle} or {@code under_load}; {@code resultSize}: rows (or 1 for a scalar) returned. */
    public record QueryResult(
            String store, String query, String phase, Summary millis, int resultSize, boolean crossChecked) {}

    /** The concurrent writer during the under-load reads of one store. */
    public record WriterResult(
            String store,
            int targetRowsPerSecond,
            long rowsWritten,
            double achievedRowsPerSecond,
            Summary batchMillis,
            long countAfter,
            boolean verified) {}
}
