package cinema.ugc.research.internal;

import cinema.ugc.research.BenchResults;
import cinema.ugc.research.BenchResults.LoadResult;
import cinema.ugc.research.BenchResults.QueryResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The report's conclusion, written from the measured numbers (so a rerun that changes the ranking changes the text).
 * Queries fall in two jobs: analytics scans over many rows, and point reads of one user.
 */
final class Conclusion {
    /** Geometric means closer than this (ratio) are reported as a tie rather than a win. */
    static final double NEAR_TIE = 1.10;

    static final Set<String> POINT_READS = Set.of("user_recent_events", "resume_position");
    private static final String CLICKHOUSE = "clickhouse";
    /** StorageBenchmark's name for ClickHouse's queries reading FINAL. */
    private static final String CLICKHOUSE_FINAL = "clickhouse-final";

    private Conclusion() {}

    static List<String> write(BenchResults r) {
        List<String> out = new ArrayList<>();
        out.add(loads(r));
        out.add(jobs(r, false, "Analytics scans"));
        out.add(jobs(r, true, "Point reads of one user"));
        String cost = exactlyOnceCost(r);
        if (cost != null) {
            out.add(cost);
        }
        out.add(footprint(r));
        out.add(underLoad(r));
        out.add(design(r));
        return out;
    }

    private static String loads(BenchResults r) {
        int largest = r.loads().stream().mapToInt(LoadResult::batchSize).max().orElse(0);
        List<LoadResult> at = r.loads().stream()
                .filter(l -> l.batchSize() == largest)
                .sorted(Comparator.comparingDouble(
                                (LoadResult l) -> l.rowsPerSecond().p50())
                        .reversed())
                .toList();
        if (at.isEmpty()) {
            return "**Loading**: not measured.";
        }
        String others = at.stream()
                .skip(1)
                .map(l -> l.store() + " " + Fmt.count(l.rowsPerSecond().p50()))
                .collect(Collectors.joining(", "));
        String small = r.loads().stream()
                .filter(l -> l.batchSize() == 1)
                .map(l -> l.store() + " " + Fmt.count(l.rowsPerSecond().p50()))
                .collect(Collectors.joining(", "));
        return String.format(
                "**Loading**: at batches of %,d rows %s loads fastest, %s rows/s (p50%s). One row per "
                        + "write costs every store a round trip and a commit%s — so the ETL must write in large batches.",
                largest,
                at.get(0).store(),
                Fmt.count(at.get(0).rowsPerSecond().p50()),
                others.isEmpty() ? "" : "; " + others,
                small.isEmpty() ? "" : " (batch size 1: " + small + " rows/s)");
    }

    private static String jobs(BenchResults r, boolean pointReads, String title) {
        Map<String, List<QueryResult>> byQuery = r.queries().stream()
                .filter(q -> q.phase().equals("idle") && POINT_READS.contains(q.query()) == pointReads)
                .collect(Collectors.groupingBy(QueryResult::query, java.util.LinkedHashMap::new, Collectors.toList()));
        List<String> parts = new ArrayList<>();
        Map<String, Integer> wins = new java.util.TreeMap<>();
        byQuery.forEach((query, results) -> {
            List<QueryResult> sorted = results.stream()
                    .sorted(Comparator.comparingDouble(q -> q.millis().p50()))
                    .toList();
            wins.merge(sorted.get(0).store(), 1, Integer::sum);
            parts.add(query + ": "
                    + sorted.stream()
                            .map(q -> q.store() + " " + Fmt.ms(q.millis().p50()) + " ms")
                            .collect(Collectors.joining(" < ")));
        });
        String winners = wins.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> e.getKey() + " fastest on " + e.getValue() + " of " + byQuery.size())
                .collect(Collectors.joining(", "));
        return "**" + title + "** (p50, idle): " + winners + ". " + String.join("; ", parts) + ".";
    }

    /**
     * ClickHouse's queries as the product runs them (copies kept out of the table, no FINAL) against the same queries
     * reading FINAL, per query and as a geometric mean; null when the run did not time both.
     */
    static String exactlyOnceCost(BenchResults r) {
        Map<String, Double> product = new java.util.LinkedHashMap<>();
        Map<String, Double> withFinal = new java.util.LinkedHashMap<>();
        r.queries().stream().filter(q -> q.phase().equals("idle")).forEach(q -> {
            if (q.store().equals(CLICKHOUSE)) {
                product.put(q.query(), q.millis().p50());
            } else if (q.store().equals(CLICKHOUSE_FINAL)) {
                withFinal.put(q.query(), q.millis().p50());
            }
        });
        if (product.isEmpty() || withFinal.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        double logs = 0;
        for (var e : product.entrySet()) {
            double ratio = withFinal.get(e.getKey()) / e.getValue();
            logs += Math.log(ratio);
            parts.add(e.getKey() + " " + Fmt.ms(withFinal.get(e.getKey())) + " vs " + Fmt.ms(e.getValue()) + " ms ("
                    + Fmt.ratio(ratio) + ")");
        }
        return "**What exactly-once costs on ClickHouse reads** (p50, idle; " + CLICKHOUSE_FINAL + " vs " + CLICKHOUSE
                + ", same data): the product keeps copies out of the table when it writes, so its counts read no "
                + "FINAL; reading FINAL instead would cost " + Fmt.ratio(Math.exp(logs / product.size()))
                + " as a geometric mean — " + String.join("; ", parts) + " (distinct counts and point reads never read "
                + "FINAL: their ratios show the run's noise).";
    }

    private static String footprint(BenchResults r) {
        return "**Disk**: "
                + r.footprints().stream()
                        .sorted(Comparator.comparingDouble(BenchResults.Footprint::bytesPerRow))
                        .map(f -> String.format(
                                "%s %.0f bytes/row (%s)", f.store(), f.bytesPerRow(), Fmt.bytes(f.bytes())))
                        .collect(Collectors.joining(" < "))
                + ".";
    }

    private static String underLoad(BenchResults r) {
        List<String> parts = new ArrayList<>();
        for (var w : r.writers()) {
            double worst = 0;
            String worstQuery = "";
            for (var q : r.queries()) {
                if (q.store().equals(w.store()) && q.phase().equals("under_load")) {
                    double ratio = q.millis().p50() / idle(r, q).millis().p50();
                    if (ratio > worst) {
                        worst = ratio;
                        worstQuery = q.query();
                    }
                }
            }
            parts.add(String.format(
                    "%s (writer %s rows/s achieved) worst slowdown %s on %s",
                    w.store(), Fmt.count(w.achievedRowsPerSecond()), Fmt.ratio(worst), worstQuery));
        }
        return "**Reads under a steady writer**: answers unchanged on every store; " + String.join("; ", parts) + ".";
    }

    private static QueryResult idle(BenchResults r, QueryResult q) {
        return r.queries().stream()
                .filter(i -> i.phase().equals("idle")
                        && i.store().equals(q.store())
                        && i.query().equals(q.query()))
                .findFirst()
                .orElseThrow();
    }

    private static String design(BenchResults r) {
        String scanWinner = winner(r, false, Set.of("clickhouse", "postgres"));
        String pointWinner = winner(r, true, Set.of("clickhouse", "postgres"));
        if (scanWinner.equals("none")) {
            return "**What it means for our design**: this run measured no server store (ClickHouse, PostgreSQL), so it "
                    + "cannot choose between them.";
        }
        Map<String, Double> geo = geometricMeans(r, false, Set.of("clickhouse", "postgres"));
        String other = scanWinner.equals("clickhouse") ? "postgres" : "clickhouse";
        long otherWins = r.queries().stream()
                .filter(q -> q.phase().equals("idle")
                        && q.store().equals(other)
                        && !POINT_READS.contains(q.query())
                        && q.millis().p50() < p50(r, scanWinner, q.query()))
                .count();
        StringBuilder s = new StringBuilder("**What it means for our design**: of the two servers, ")
                .append(scanWinner)
                .append(" has the lower geometric mean of the analytics queries' p50 (")
                .append(Fmt.ms(geo.get(scanWinner)))
                .append(" ms vs ")
                .append(other)
                .append(" ")
                .append(Fmt.ms(geo.getOrDefault(other, Double.NaN)))
                .append(" ms), though ")
                .append(other)
                .append(" was faster on ")
                .append(otherWins)
                .append(" of them at this size");
        double ratio = geo.getOrDefault(other, Double.NaN) / geo.get(scanWinner);
        if (ratio < NEAR_TIE) {
            s.append(" — within ")
                    .append(Math.max(1, (long) Math.ceil((ratio - 1) * 100)))
                    .append(
                            " %, a tie on the analytics mean, so "
                                    + "the per-query numbers above decide: a store is chosen for the queries it must answer fast");
        }
        if (pointWinner.equals("postgres") && !scanWinner.equals("postgres")) {
            s.append("; PostgreSQL is the better tool for point reads of one user (resume position, recent events), "
                            + "which its B-tree index on the user answers without scanning — if the player's resume call "
                            + "needs that latency at high request rates, serve it from a small PostgreSQL table (or a "
                            + "key-value store) fed by the same ETL, and keep ")
                    .append(scanWinner)
                    .append(" for analytics");
        } else if (pointWinner.equals("postgres")) {
            s.append("; postgres also answered the point reads of one user fastest (its B-tree index on the user)");
        } else {
            s.append("; point reads of one user were also fastest on ")
                    .append(pointWinner)
                    .append(" here, so these numbers do not justify a separate serving store");
        }
        return s.append(". DuckDB (in-process, one writer process) stays the store for one-command local use; its "
                        + "numbers show what a single machine can do without a network hop, not a shared server.")
                .toString();
    }

    private static Map<String, Double> geometricMeans(BenchResults r, boolean pointReads, Set<String> stores) {
        Map<String, double[]> acc = new java.util.TreeMap<>();
        r.queries().stream()
                .filter(q -> q.phase().equals("idle") && POINT_READS.contains(q.query()) == pointReads)
                .filter(q -> stores.contains(q.store()))
                .forEach(q -> {
                    double[] a = acc.computeIfAbsent(q.store(), k -> new double[2]);
                    a[0] += Math.log(q.millis().p50());
                    a[1]++;
                });
        Map<String, Double> out = new java.util.TreeMap<>();
        acc.forEach((k, a) -> out.put(k, Math.exp(a[0] / a[1])));
        return out;
    }

    private static double p50(BenchResults r, String store, String query) {
        return r.queries().stream()
                .filter(q -> q.phase().equals("idle")
                        && q.store().equals(store)
                        && q.query().equals(query))
                .mapToDouble(q -> q.millis().p50())
                .findFirst()
                .orElse(Double.NaN);
    }

    /** Among {@code stores}, the one with the lowest geometric mean of idle p50 over the job's queries. */
    private static String winner(BenchResults r, boolean pointReads, Set<String> stores) {
        Map<String, Double> total = new java.util.TreeMap<>();
        r.queries().stream()
                .filter(q -> q.phase().equals("idle") && POINT_READS.contains(q.query()) == pointReads)
                .filter(q -> stores.contains(q.store()))
                .forEach(q -> total.merge(q.store(), Math.log(q.millis().p50()), Double::sum));
        return total.entrySet().stream()
                .min(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse("none");
    }
}
