package cinema.ugc.research;

import java.util.Arrays;

/**
 * Order statistics of repeated measurements (nearest-rank percentiles over the sorted samples: with 5 samples
 * p95 is the maximum — reported as measured, not interpolated).
 */
public record Summary(int n, double p50, double p95, double min, double max, double mean) {

    public static Summary of(double... samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Summary(
                sorted.length,
                rank(sorted, 0.50),
                rank(sorted, 0.95),
                sorted[0],
                sorted[sorted.length - 1],
                Arrays.stream(sorted).average().orElseThrow());
    }

    private static double rank(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
