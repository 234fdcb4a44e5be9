package cinema.ugc.research.internal;

import cinema.ugc.research.BenchResults;
import cinema.ugc.research.Summary;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The machine-readable results: {@code results.json} (everything) and {@code results.csv} (one line per measurement). */
public final class ResultsFiles {
    public static final String JSON = "results.json";
    public static final String CSV = "results.csv";

    private ResultsFiles() {}

    public static void write(BenchResults results, Path dir) {
        try {
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(dir.resolve(JSON).toFile(), results);
            Files.write(dir.resolve(CSV), csv(results));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results into " + dir, e);
        }
    }

    public static BenchResults read(Path file) throws IOException {
        return new ObjectMapper().readValue(file.toFile(), BenchResults.class);
    }

    static List<String> csv(BenchResults r) {
        List<String> lines = new ArrayList<>();
        lines.add("measurement,store,subject,phase,rows,unit,n,p50,p95,min,max,mean");
        r.loads()
                .forEach(l -> lines.add(line(
                        "load",
                        l.store(),
                        "batch_" + l.batchSize(),
                        "empty_store",
                        l.rows(),
                        "rows_per_second",
                        l.rowsPerSecond())));
        r.loads()
                .forEach(l -> lines.add(line(
                        "load_batch_latency",
                        l.store(),
                        "batch_" + l.batchSize(),
                        "empty_store",
                        l.rows(),
                        "ms",
                        l.batchMillis())));
        r.fullLoads()
                .forEach(f -> lines.add(line(
                        "full_load",
                        f.store(),
                        "batch_" + f.batchSize(),
                        "empty_store",
                        f.rows(),
                        "rows_per_second",
                        Summary.of(f.rowsPerSecond()))));
        r.footprints()
                .forEach(f -> lines.add(line(
                        "disk_footprint",
                        f.store(),
                        "bytes",
                        "after_full_load",
                        f.rows(),
                        "bytes",
                        Summary.of(f.bytes()))));
        r.queries()
                .forEach(q -> lines.add(line(
                        "query",
                        q.store(),
                        q.query(),
                        q.phase(),
                        r.environment().rows(),
                        "ms",
                        q.millis())));
        r.writers()
                .forEach(w -> lines.add(line(
                        "concurrent_writer",
                        w.store(),
                        "batch_latency",
                        "under_load",
                        w.rowsWritten(),
                        "ms",
                        w.batchMillis())));
        return lines;
    }

    private static String line(
            String what, String store, String subject, String phase, long rows, String unit, Summary s) {
        return String.format(
                Locale.ROOT,
                "%s,%s,%s,%s,%d,%s,%d,%.3f,%.3f,%.3f,%.3f,%.3f",
                what,
                store,
                subject,
                phase,
                rows,
                unit,
                s.n(),
                s.p50(),
                s.p95(),
                s.min(),
                s.max(),
                s.mean());
    }
}
