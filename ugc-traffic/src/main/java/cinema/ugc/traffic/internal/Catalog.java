package cinema.ugc.traffic.internal;

import cinema.ugc.traffic.IdScheme;
import java.util.SplittableRandom;

/** The films: ids, running times, genres and a "how good is it" score that drives ratings. Ranked by popularity. */
public final class Catalog {
    static final String[] GENRES = {
        "drama",
        "comedy",
        "thriller",
        "action",
        "documentary",
        "animation",
        "horror",
        "romance",
        "sci-fi",
        "crime",
        "family",
        "fantasy"
    };
    private static final String[] WORDS = {
        "night", "city", "river", "last", "summer", "dark", "road", "home", "king", "star", "winter", "shadow", "love",
        "war", "secret", "island", "light", "blood", "storm", "dream", "red", "silent", "lost", "golden", "wild",
        "north", "house", "garden", "mirror", "train", "ocean", "fire", "empire", "ghost", "heart", "moon", "stone",
        "glass", "hunter", "angel", "forest", "machine", "echo", "crown"
    };

    private final String[] ids;
    private final int[] durationS;
    private final byte[] genre;
    private final double[] quality;

    public Catalog(long seed, int films, IdScheme scheme) {
        ids = new String[films];
        durationS = new int[films];
        genre = new byte[films];
        quality = new double[films];
        SplittableRandom random = new SplittableRandom(seed ^ 0x46494c4dL);
        for (int i = 0; i < films; i++) {
            ids[i] = scheme.film(i);
            durationS[i] = (int) Math.max(1500, Math.min(12_000, 6000 + 1300 * gaussian(random)));
            genre[i] = (byte) random.nextInt(GENRES.length);
            quality[i] = Math.max(1.5, Math.min(9.5, 6.5 + 1.4 * gaussian(random)));
        }
    }

    public int size() {
        return ids.length;
    }

    public String id(int film) {
        return ids[film];
    }

    public int durationS(int film) {
        return durationS[film];
    }

    public String genre(int film) {
        return GENRES[genre[film]];
    }

    public double quality(int film) {
        return quality[film];
    }

    /** A search query of one to three words, the way people type them. */
    public static String query(SplittableRandom random) {
        int words = 1 + random.nextInt(3);
        StringBuilder sb = new StringBuilder(WORDS[random.nextInt(WORDS.length)]);
        for (int i = 1; i < words; i++) {
            sb.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    public static String randomGenre(SplittableRandom random) {
        return GENRES[random.nextInt(GENRES.length)];
    }

    /** A standard normal draw (Box-Muller with StrictMath, so every JVM draws the same). */
    public static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }
}
