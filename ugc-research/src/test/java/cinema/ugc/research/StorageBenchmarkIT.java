package cinema.ugc.research;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.research.internal.ResultsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small storage research against real servers — a private ClickHouse 18.16, a throw-away PostgreSQL 15 cluster and
 * embedded DuckDB — through the product's store classes: every load complete, every answer equal across the stores
 * (the run itself fails otherwise), and the report with its charts and results written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageBenchmarkIT {
    private static final long ROWS = 20_000;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    private BenchResults results;
    private Path out;

    @BeforeAll
    void run(@TempDir Path work) {
        out = work.resolve("report");
        BenchConfig config = new BenchConfig(
                ROWS,
                7,
                StoreTargets.ALL,
                2,
                1,
                List.of(1, 1_000, 10_000),
                20,
                5,
                10_000,
                5_000,
                1_000,
                500,
                out,
                "./ugc bench storage --rows 20000 (StorageBenchmarkIT)",
                null,
                false);
        Map<String, StoreTarget> targets =
                StoreTargets.open(StoreTargets.ALL, StoreTargets.Endpoints.privateServers(work));
        try {
            results = new StorageBenchmark(config, targets).run();
        } finally {
            targets.values().forEach(StoreTarget::close);
        }
        Report.write(results, out);
    }

    @Test
    void everyLoadWroteAndCountedEveryRow() {
        assertEquals(3 * 3, results.loads().size());
        results.loads()
                .forEach(l -> assertTrue(l.verified() && l.rowsPerSecond().min() > 0, l.toString()));
        assertEquals(
                20,
                results.loads().stream()
                        .filter(l -> l.batchSize() == 1)
                        .findFirst()
                        .orElseThrow()
                        .rows());
        results.fullLoads().forEach(f -> assertEquals(ROWS, f.countAfter(), f.store()));
        results.writers().forEach(w -> assertEquals(ROWS + w.rowsWritten(), w.countAfter(), w.store()));
        // every store keeps at least each row's random 16-byte event_id, which no compression shrinks
        results.footprints().forEach(f -> assertTrue(f.rows() == ROWS && f.bytes() >= 16 * ROWS, f.toString()));
    }

    @Test
    void everyQueryWasCrossCheckedOnEveryStoreIdleAndUnderLoad() {
        // idle: three stores and ClickHouse's queries reading FINAL; under load: the three stores
        assertEquals(8 * 4 + 8 * 3, results.queries().size());
        assertEquals(
                8,
                results.queries().stream()
                        .filter(q -> q.store().equals(StorageBenchmark.CLICKHOUSE_FINAL)
                                && q.phase().equals("idle"))
                        .count());
        results.queries().forEach(q -> assertTrue(q.crossChecked() && q.millis().n() == 2, q.toString()));
        assertEquals(
                StoreTargets.ALL,
                List.copyOf(results.environment().storeVersions().keySet()));
    }

    @Test
    void reportChartsAndResultsAreWritten() throws IOException {
        String report = Files.readString(out.resolve(Report.MARKDOWN));
        for (String expected : List.of(
                "## Bulk load",
                "## Disk footprint",
                "## Queries",
                "## Conclusion",
                "Vertica: not measured here",
                "ClickHouse 18.16",
                "PostgreSQL 15",
                "(StorageBenchmarkIT)",
                "What exactly-once costs on ClickHouse reads",
                "clickhouse-final")) {
            assertTrue(report.contains(expected), "report lacks " + expected);
        }
        for (String chart :
                List.of("load-rate.png", "queries-idle.png", "queries-under-load.png", "disk-footprint.png")) {
            assertTrue(report.contains("](" + chart + ")"), "report links " + chart);
            assertArrayEquals(PNG, Arrays.copyOf(Files.readAllBytes(out.resolve(chart)), 4), chart + " is a PNG");
        }
        assertEquals(results, ResultsFiles.read(out.resolve(ResultsFiles.JSON)));
        assertTrue(Files.readAllLines(out.resolve(ResultsFiles.CSV)).size()
                > results.queries().size());
    }
}
