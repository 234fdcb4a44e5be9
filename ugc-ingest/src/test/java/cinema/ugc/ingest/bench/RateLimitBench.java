package cinema.ugc.ingest.bench;

import cinema.ugc.ingest.RateLimitSettings;
import cinema.ugc.ingest.UserRateLimit;
import java.util.Locale;

/**
 * What {@link UserRateLimit#admit} costs per request (not a test): one user, and 100,000 users taking turns (the
 * bucket cache at work), each after a warm-up, best of five rounds. Prints nanoseconds per call.
 *
 * <pre>{@code mvn -q -o -pl ugc-ingest -am test-compile && java -cp "ugc-ingest/target/test-classes:ugc-ingest/target/classes:$(...)"
 *   cinema.ugc.ingest.bench.RateLimitBench}</pre>
 */
public final class RateLimitBench {
    private static final int CALLS = 2_000_000;

    private RateLimitBench() {}

    public static void main(String[] args) {
        for (int users : new int[] {1, 100_000}) {
            UserRateLimit limit = new UserRateLimit(new RateLimitSettings(1_000_000));
            String[] names = new String[users];
            for (int i = 0; i < users; i++) {
                names[i] = "user-" + i;
            }
            run(limit, names);
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                best = Math.min(best, run(limit, names));
            }
            System.out.printf(Locale.ROOT, "%,d users: %.0f ns per admit()%n", users, best);
        }
    }

    private static double run(UserRateLimit limit, String[] names) {
        long start = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            limit.admit(names[i % names.length], 1);
        }
        return (System.nanoTime() - start) / (double) CALLS;
    }
}
