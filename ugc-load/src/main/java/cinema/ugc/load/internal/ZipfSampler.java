package cinema.ugc.load.internal;

import java.util.SplittableRandom;

/**
 * Draws ranks 1..n with probability proportional to {@code 1 / rank^exponent} in O(1) time and memory, by
 * rejection-inversion (Hörmann and Derflinger, 1996; the algorithm of Apache Commons Math's Zipf sampler).
 * A table of n cumulative weights would cost 80 MB for ten million users; this costs nothing.
 * {@link StrictMath} keeps the draws identical on every JVM, so a seed means the same data everywhere.
 */
public final class ZipfSampler {
    private final int n;
    private final double exponent;
    private final double hIntegralX1;
    private final double hIntegralN;
    private final double s;

    public ZipfSampler(int n, double exponent) {
        if (n < 1 || exponent < 0) {
            throw new IllegalArgumentException("need n >= 1 and exponent >= 0");
        }
        this.n = n;
        this.exponent = exponent;
        this.hIntegralX1 = hIntegral(1.5) - 1.0;
        this.hIntegralN = hIntegral(n + 0.5);
        this.s = 2.0 - hIntegralInverse(hIntegral(2.5) - h(2));
    }

    /** A rank in 1..n; rank 1 is the most likely. */
    public int sample(SplittableRandom random) {
        if (exponent == 0) {
            return 1 + random.nextInt(n);
        }
        while (true) {
            double u = hIntegralN + random.nextDouble() * (hIntegralX1 - hIntegralN);
            double x = hIntegralInverse(u);
            int k = (int) Math.max(1, Math.min(n, (long) (x + 0.5)));
            if (k - x <= s || u >= hIntegral(k + 0.5) - h(k)) {
                return k;
            }
        }
    }

    /** A zero-based index in 0..n-1; index 0 is the most likely. */
    public int sampleIndex(SplittableRandom random) {
        return sample(random) - 1;
    }

    private double hIntegral(double x) {
        double logX = StrictMath.log(x);
        return helper2((1.0 - exponent) * logX) * logX;
    }

    private double h(double x) {
        return StrictMath.exp(-exponent * StrictMath.log(x));
    }

    private double hIntegralInverse(double x) {
        double t = Math.max(-1.0, x * (1.0 - exponent));
        return StrictMath.exp(helper1(t) * x);
    }

    /** log(1 + x) / x, stable near 0. */
    private static double helper1(double x) {
        return Math.abs(x) > 1e-8 ? StrictMath.log1p(x) / x : 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));
    }

    /** (exp(x) - 1) / x, stable near 0. */
    private static double helper2(double x) {
        return Math.abs(x) > 1e-8 ? StrictMath.expm1(x) / x : 1.0 + x * 0.5 * (1.0 + x / 3.0 * (1.0 + 0.25 * x));
    }
}
