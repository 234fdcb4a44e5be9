package cinema.ugc.store.internal;

import java.util.Optional;

/** Ratios computed the same way for every store. */
public final class Ratios {
    private Ratios() {}

    /** Viewers who finished ÷ viewers with progress; empty when nobody has progress. */
    public static Optional<Double> completion(long finished, long progressed) {
        return progressed == 0 ? Optional.empty() : Optional.of((double) finished / progressed);
    }
}
