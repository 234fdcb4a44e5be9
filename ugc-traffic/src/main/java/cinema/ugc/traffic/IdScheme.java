package cinema.ugc.traffic;

import cinema.ugc.traffic.internal.Ids;

/**
 * How the model names its users and films in events. Index 0 is the most active user and the most popular film (the
 * Zipf ranks the model draws, minus one), so a caller can name "the top film" whatever the scheme.
 */
public sealed interface IdScheme permits IdScheme.Uuids, IdScheme.Ranks {

    String user(int index);

    String film(int index);

    /** UUIDs derived from {@code seed}: ids as a real player sends them (the load generator). */
    static IdScheme uuids(long seed) {
        return new Uuids(seed);
    }

    /**
     * Readable rank ids, {@code userPrefix + "000001"} and {@code filmPrefix + "00001"} for index 0: queries and
     * reports can name them (the storage research).
     */
    static IdScheme ranks(String userPrefix, String filmPrefix) {
        return new Ranks(userPrefix, filmPrefix);
    }

    record Uuids(long seed) implements IdScheme {
        @Override
        public String user(int index) {
            return Ids.user(seed, index).toString();
        }

        @Override
        public String film(int index) {
            return Ids.film(seed, index).toString();
        }
    }

    record Ranks(String userPrefix, String filmPrefix) implements IdScheme {
        @Override
        public String user(int index) {
            return userPrefix + padded(index + 1, 6);
        }

        @Override
        public String film(int index) {
            return filmPrefix + padded(index + 1, 5);
        }

        /** Zero-padded like {@code %06d}, without a formatter: the model names a user in every event. */
        private static String padded(int rank, int width) {
            String digits = Integer.toString(rank);
            return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
        }
    }
}
