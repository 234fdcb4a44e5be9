package cinema.ugc.research;

import cinema.ugc.research.internal.Charts;
import cinema.ugc.research.internal.MarkdownReport;
import cinema.ugc.research.internal.ResultsFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a run's outputs into one directory: the Markdown report, its PNG charts, results.json and results.csv. */
public final class Report {
    public static final String MARKDOWN = MarkdownReport.FILE;

    private Report() {}

    /** Renders the report and charts again from a {@code results.json} (after a change to the report's code). */
    public static void rerender(Path resultsJson, Path dir) {
        try {
            write(ResultsFiles.read(resultsJson), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resultsJson, e);
        }
    }

    public static void write(BenchResults results, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        ResultsFiles.write(results, dir);
        Map<String, String> charts = Charts.write(results, dir);
        MarkdownReport.write(results, charts, dir);
    }
}
