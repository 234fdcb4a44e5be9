package cinema.ugc.traffic.internal;

import java.util.SplittableRandom;
import java.util.UUID;

/** Deterministic identifiers: the same seed and index give the same UUID everywhere. */
public final class Ids {
    private static final long USER_SALT = 0x5553455253L;
    private static final long FILM_SALT = 0x46494c4d53L;

    private Ids() {}

    public static UUID user(long seed, int index) {
        return fromHash(mix(seed ^ USER_SALT, index));
    }

    public static UUID film(long seed, int index) {
        return fromHash(mix(seed ^ FILM_SALT, index));
    }

    /** A version-4-shaped UUID drawn from {@code random}. */
    public static UUID random(SplittableRandom random) {
        return version4(random.nextLong(), random.nextLong());
    }

    private static UUID fromHash(long h) {
        return version4(h, splitmix(h ^ 0x9E3779B97F4A7C15L));
    }

    private static UUID version4(long msb, long lsb) {
        long m = (msb & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long l = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(m, l);
    }

    private static long mix(long seed, int index) {
        return splitmix(splitmix(seed) + index);
    }

    /** The finaliser of SplitMix64: a cheap bijective scramble of 64 bits. */
    static long splitmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
