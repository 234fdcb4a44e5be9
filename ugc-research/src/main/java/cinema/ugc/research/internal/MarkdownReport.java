package cinema.ugc.research.internal;

import cinema.ugc.research.BenchResults;
import cinema.ugc.research.BenchResults.QueryResult;
import cinema.ugc.research.Summary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders {@code storage-comparison.md} from a run's results and its charts. */
public final class MarkdownReport {
    public static final String FILE = "storage-comparison.md";

    private final BenchResults r;
    private final List<String> out = new ArrayList<>();

    private MarkdownReport(BenchResults results) {
        this.r = results;
    }

    public static void write(BenchResults results, Map<String, String> charts, Path dir) {
        try {
            Files.write(dir.resolve(FILE), new MarkdownReport(results).render(charts));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir, e);
        }
    }

    private List<String> render(Map<String, String> charts) {
        var env = r.environment();
        out.add("# Storage comparison: ClickHouse, PostgreSQL, DuckDB");
        out.add("");
        out.add(
                "> Written by the tool (`./ugc bench storage`) — rerun the command below to refresh it; do not edit by hand.");
        out.add("> One run on a shared machine: compare the stores within this run, read absolute figures as scale.");
        out.add("");
        out.add("```bash");
        out.add(env.command());
        out.add("```");
        out.add("");
        out.add(String.format(
                "Ran %s → %s (%s). %,d rows, seed %d. Results: [`%s`](%s), [`%s`](%s).",
                env.startedAt(),
                env.finishedAt(),
                duration(env.startedAt(), env.finishedAt()),
                env.rows(),
                env.seed(),
                ResultsFiles.JSON,
                ResultsFiles.JSON,
                ResultsFiles.CSV,
                ResultsFiles.CSV));
        setup();
        loads(charts);
        footprint(charts);
        queries(charts);
        underLoad(charts);
        section("Not measured here");
        r.notMeasured().forEach(n -> out.add("- " + n));
        section("Conclusion");
        Conclusion.write(r).forEach(p -> {
            out.add(p);
            out.add("");
        });
        return out;
    }

    private void setup() {
        var env = r.environment();
        section("Setup");
        out.add("- **Data set**: " + String.format("%,d", env.rows()) + " events — " + env.dataSet() + ".");
        out.add("- **Stores** (each driven only through the product's `EventStore` / `EventQueries` classes):");
        env.storeVersions().forEach((k, v) -> out.add("  - `" + k + "`: " + v));
        out.add("- **Machine**: "
                + String.join(
                        ", ",
                        env.machine().entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue())
                                .toList())
                + ".");
        Map<String, String> p = env.parameters();
        out.add("- **Loads**: into an empty database (a fresh file for DuckDB), " + p.get("load_repeats")
                + " repeats per "
                + "batch size; batches are built before the clock starts and only `EventStore.write` is timed; after every "
                + "load `countEvents()` must equal the rows written (it did, or the run would have stopped). Each load "
                + "writes a prefix of the data set — one round trip per row would take hours at full size — of "
                + loadSizes(p) + ".");
        out.add("- **Queries**: each query runs once on every store untimed and the answers must be equal (canonical "
                + "form: same rows, same order, doubles to 9 significant digits) before " + p.get("repeats")
                + " timed repeats, interleaved across stores. Parameters:");
        p.forEach((k, v) -> {
            if (k.startsWith("query.")) {
                out.add("  - `" + k.substring(6) + "`: " + v);
            }
        });
        out.add("- **Under load**: a writer inserts " + p.get("writer_rows_per_second") + " rows/s in batches of "
                + p.get("writer_batch") + " into the same store while the queries repeat; its events are in the month "
                + "after, by other users, of other films, so every answer must still equal the idle one (checked).");
    }

    private static String loadSizes(Map<String, String> p) {
        List<String> sizes = new ArrayList<>();
        p.forEach((k, v) -> {
            if (k.startsWith("rows_at_batch_size_")) {
                sizes.add(String.format(
                        "%,d rows at batch size %,d",
                        Long.parseLong(v), Long.parseLong(k.substring("rows_at_batch_size_".length()))));
            }
        });
        return String.join(", ", sizes);
    }

    private void loads(Map<String, String> charts) {
        section("Bulk load");
        out.add(
                "Rows per second over repeated loads into an empty store (p50/p95/min/max of the per-load rates), and the "
                        + "latency of one `write` call.");
        out.add("");
        out.add(
                "| store | batch size | rows per load | rows/s p50 | p95 | min | max | write ms p50 | write ms p95 | count verified |");
        out.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        r.loads()
                .forEach(l -> out.add(String.format(
                        "| %s | %,d | %,d | %s | %s | %s | %s | %s | %s | %s |",
                        l.store(),
                        l.batchSize(),
                        l.rows(),
                        Fmt.count(l.rowsPerSecond().p50()),
                        Fmt.count(l.rowsPerSecond().p95()),
                        Fmt.count(l.rowsPerSecond().min()),
                        Fmt.count(l.rowsPerSecond().max()),
                        Fmt.ms(l.batchMillis().p50()),
                        Fmt.ms(l.batchMillis().p95()),
                        l.verified() ? "yes" : "NO")));
        chart(charts, Charts.LOAD);
        out.add("Full-size load the queries ran on (one load per store):");
        out.add("");
        out.add("| store | rows | batch size | seconds in write | rows/s | countEvents() after |");
        out.add("|---|---:|---:|---:|---:|---:|");
        r.fullLoads()
                .forEach(f -> out.add(String.format(
                        "| %s | %,d | %,d | %.1f | %s | %,d |",
                        f.store(),
                        f.rows(),
                        f.batchSize(),
                        f.seconds(),
                        Fmt.count(f.rowsPerSecond()),
                        f.countAfter())));
    }

    private void footprint(Map<String, String> charts) {
        section("Disk footprint");
        out.add("| store | rows | on disk | bytes per row | measured as |");
        out.add("|---|---:|---:|---:|---|");
        r.footprints()
                .forEach(f -> out.add(String.format(
                        "| %s | %,d | %s | %.1f | %s |",
                        f.store(), f.rows(), Fmt.bytes(f.bytes()), f.bytesPerRow(), f.method())));
        chart(charts, Charts.FOOTPRINT);
    }

    private void queries(Map<String, String> charts) {
        section("Queries");
        out.add("Milliseconds per query, p50 (p95, min–max), on the full data set; every answer cross-checked equal "
                + "across the stores first.");
        out.add("");
        queryTable("idle");
        chart(charts, Charts.QUERIES);
    }

    private void underLoad(Map<String, String> charts) {
        section("Queries under a concurrent writer");
        queryTable("under_load");
        chart(charts, Charts.UNDER_LOAD);
        out.add(
                "| store | writer target rows/s | achieved rows/s | rows written | write ms p50 | p95 | countEvents() after |");
        out.add("|---|---:|---:|---:|---:|---:|---:|");
        r.writers()
                .forEach(w -> out.add(String.format(
                        "| %s | %,d | %s | %,d | %s | %s | %,d |",
                        w.store(),
                        w.targetRowsPerSecond(),
                        Fmt.count(w.achievedRowsPerSecond()),
                        w.rowsWritten(),
                        Fmt.ms(w.batchMillis().p50()),
                        Fmt.ms(w.batchMillis().p95()),
                        w.countAfter())));
    }

    private void queryTable(String phase) {
        Set<String> stores = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        r.queries().stream().filter(q -> q.phase().equals(phase)).forEach(q -> {
            stores.add(q.store());
            names.add(q.query());
        });
        out.add("| query | rows returned | " + String.join(" | ", stores) + " | fastest |");
        out.add("|---|---:|" + "---:|".repeat(stores.size()) + "---|");
        for (String name : names) {
            List<QueryResult> row = r.queries().stream()
                    .filter(q -> q.phase().equals(phase) && q.query().equals(name))
                    .toList();
            StringBuilder line =
                    new StringBuilder("| " + name + " | " + row.get(0).resultSize() + " | ");
            row.forEach(q -> line.append(cell(q.millis())).append(" | "));
            QueryResult best = row.stream()
                    .min(java.util.Comparator.comparingDouble(q -> q.millis().p50()))
                    .orElseThrow();
            out.add(line.append(best.store()).append(" |").toString());
        }
    }

    private static String cell(Summary s) {
        return String.format("**%s** (%s, %s–%s)", Fmt.ms(s.p50()), Fmt.ms(s.p95()), Fmt.ms(s.min()), Fmt.ms(s.max()));
    }

    private void chart(Map<String, String> charts, String file) {
        if (charts.containsKey(file)) {
            out.add("");
            out.add("![" + charts.get(file) + "](" + file + ")");
        }
        out.add("");
    }

    private void section(String title) {
        out.add("");
        out.add("## " + title);
        out.add("");
    }

    private static String duration(String from, String to) {
        Duration d = Duration.between(Instant.parse(from), Instant.parse(to));
        return String.format("%d min %d s", d.toMinutes(), d.toSecondsPart());
    }
}
