package cinema.ugc.research.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws ranks 1..n with probability proportional to 1/rank^s, by binary search over a precomputed CDF. */
final class Zipf {
    private final double[] cdf;

    Zipf(int n, double s) {
        cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / Math.pow(i + 1, s);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
    }

    /** A rank from 1 (most frequent) to n. */
    int next(SplittableRandom random) {
        int i = Arrays.binarySearch(cdf, random.nextDouble());
        int index = i >= 0 ? i : -i - 1;
        return Math.min(index, cdf.length - 1) + 1;
    }
}
