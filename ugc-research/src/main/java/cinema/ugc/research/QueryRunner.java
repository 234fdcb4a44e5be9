package cinema.ugc.research;

import cinema.ugc.research.BenchResults.QueryResult;
import cinema.ugc.research.internal.Canonical;
import cinema.ugc.research.internal.Progress;
import cinema.ugc.store.EventQueries;
import cinema.ugc.store.EventStore;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/** Times the query set: one untimed run per store whose answers must agree, then the timed repeats. */
final class QueryRunner {

    private QueryRunner() {}

    /**
     * Idle reads. Repeats interleave the stores (store A, B, C, A, B, C, ...) so that a noisy moment on the shared
     * machine does not land on one store only. Returns each query's canonical answer.
     */
    static Map<String, String> idle(
            List<QuerySet.Query> queries, Map<String, EventQueries> stores, BenchConfig config, List<QueryResult> out) {
        Map<String, String> expected = new LinkedHashMap<>();
        long steps = (long) queries.size() * stores.size() * (config.repeats() + 1);
        try (Progress progress = Progress.of(config.progress(), "queries", steps, "runs")) {
            for (var query : queries) {
                int[] size = new int[1];
                expected.put(query.name(), crossCheck(query, stores, progress, size));
                double[][] millis = new double[stores.size()][config.repeats()];
                for (int r = 0; r < config.repeats(); r++) {
                    int s = 0;
                    for (EventQueries store : stores.values()) {
                        millis[s++][r] = time(query, store);
                        progress.accept(1);
                    }
                }
                int s = 0;
                for (var entry : stores.entrySet()) {
                    out.add(new QueryResult(
                            entry.getKey(), query.name(), "idle", Summary.of(millis[s++]), size[0], true));
                }
            }
        }
        return expected;
    }

    /** Reads of one store while its writer runs; each answer must still equal the idle one. */
    static void underLoad(
            List<QuerySet.Query> queries,
            String name,
            EventStore store,
            Map<String, String> expected,
            BenchConfig config,
            List<QueryResult> out) {
        try (Progress progress = Progress.of(
                config.progress(),
                "queries under load " + name,
                (long) queries.size() * (config.repeats() + 1),
                "runs")) {
            for (var query : queries) {
                Object answer = query.run().apply(store.queries());
                check(query, name, Canonical.of(answer), "idle answer", expected.get(query.name()));
                progress.accept(1);
                double[] millis = new double[config.repeats()];
                for (int r = 0; r < config.repeats(); r++) {
                    millis[r] = time(query, store.queries());
                    progress.accept(1);
                }
                out.add(new QueryResult(name, query.name(), "under_load", Summary.of(millis), size(answer), true));
            }
        }
    }

    /** Runs the query once on every store and fails on the first answer that differs; {@code size[0]} gets its size. */
    private static String crossCheck(
            QuerySet.Query query, Map<String, EventQueries> stores, Progress progress, int[] size) {
        String firstName = null;
        String first = null;
        for (var entry : stores.entrySet()) {
            Object result = query.run().apply(entry.getValue());
            size[0] = size(result);
            String answer = Canonical.of(result);
            progress.accept(1);
            if (first == null) {
                firstName = entry.getKey();
                first = answer;
            } else {
                check(query, entry.getKey(), answer, firstName, first);
            }
        }
        return first;
    }

    private static void check(QuerySet.Query query, String store, String answer, String otherName, String other) {
        if (!answer.equals(other)) {
            throw new CrossCheckException("query " + query.name() + " (" + query.question() + "): " + store
                    + " disagrees with " + otherName + " " + Canonical.firstDifference(answer, other));
        }
    }

    private static double time(QuerySet.Query query, EventQueries store) {
        long start = System.nanoTime();
        query.run().apply(store);
        return (System.nanoTime() - start) / 1e6;
    }

    static int size(Object answer) {
        if (answer instanceof Collection<?> c) {
            return c.size();
        }
        if (answer instanceof Optional<?> o) {
            return o.isPresent() ? 1 : 0;
        }
        return 1;
    }

    /** p50/p95/min/max of a microsecond histogram, in milliseconds. */
    static Summary millis(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Summary(0, 0, 0, 0, 0, 0);
        }
        return new Summary(
                (int) micros.getTotalCount(),
                micros.getValueAtPercentile(50) / 1e3,
                micros.getValueAtPercentile(95) / 1e3,
                micros.getMinValue() / 1e3,
                micros.getMaxValue() / 1e3,
                micros.getMean() / 1e3);
    }
}
