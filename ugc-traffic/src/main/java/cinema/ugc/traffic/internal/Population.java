package cinema.ugc.traffic.internal;

import cinema.ugc.traffic.IdScheme;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The users: ids named by the {@link IdScheme} (computed on demand, so ten million users cost no memory), each with
 * one device (derived from the seed), and where each stopped in an unfinished film — so "continue watching" sessions resume from there.
 */
public final class Population {
    static final String[] DEVICES = {"web", "android", "ios", "smart_tv"};
    private static final int[] DEVICE_SHARE_PERCENT = {35, 30, 20, 15};

    private final long seed;
    private final int users;
    private final IdScheme ids;
    /** user index → film index << 32 | position in seconds; only users with an unfinished film. */
    private final Map<Integer, Long> unfinished = new HashMap<>();
    /** Users in a visit right now: one person does not run two visits at once. */
    private final BitSet visiting = new BitSet();

    public Population(long seed, int users, IdScheme ids) {
        this.seed = seed;
        this.users = users;
        this.ids = ids;
    }

    public int size() {
        return users;
    }

    public String id(int user) {
        return ids.user(user);
    }

    public String device(int user) {
        int bucket = (int) Long.remainderUnsigned(Ids.splitmix(seed + user * 31L), 100);
        for (int i = 0; i < DEVICES.length; i++) {
            bucket -= DEVICE_SHARE_PERCENT[i];
            if (bucket < 0) {
                return DEVICES[i];
            }
        }
        return DEVICES[0];
    }

    public boolean visiting(int user) {
        return visiting.get(user);
    }

    public void arrived(int user) {
        visiting.set(user);
    }

    public void left(int user) {
        visiting.clear(user);
    }

    /** The film and position the user left unfinished, or -1 when there is none. */
    public long unfinished(int user) {
        Long entry = unfinished.get(user);
        return entry == null ? -1 : entry;
    }

    public void stopped(int user, int film, int positionS) {
        unfinished.put(user, ((long) film << 32) | positionS);
    }

    public void finished(int user, int film) {
        long entry = unfinished(user);
        if (entry >= 0 && (int) (entry >>> 32) == film) {
            unfinished.remove(user);
        }
    }
}
