package cinema.ugc.research.internal;

import java.util.Locale;

/** Number formats of the report. */
final class Fmt {
    private Fmt() {}

    static String count(double v) {
        return String.format(Locale.ROOT, "%,d", Math.round(v));
    }

    /** Milliseconds with about three significant digits. */
    static String ms(double v) {
        if (v >= 100) {
            return count(v);
        }
        return String.format(Locale.ROOT, v >= 10 ? "%.1f" : v >= 1 ? "%.2f" : "%.3f", v);
    }

    static String ratio(double v) {
        return String.format(Locale.ROOT, v >= 10 ? "%.0f×" : "%.1f×", v);
    }

    static String bytes(double v) {
        if (v >= 1 << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", v / (1 << 30));
        }
        return String.format(Locale.ROOT, "%.1f MiB", v / (1 << 20));
    }
}
