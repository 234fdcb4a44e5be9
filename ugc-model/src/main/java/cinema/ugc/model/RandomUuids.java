package cinema.ugc.model;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs drawn from {@link ThreadLocalRandom}, for the ids the server makes on every request: an
 * event's id when the client sent none, and a request's id. They must be unique, not unguessable — an event's
 * identity is (user, event id) and only the user's own token writes under that user, a request id only joins log
 * lines — while {@code UUID.randomUUID()} draws from the process's one SecureRandom, a lock every event loop takes in
 * turn.
 */
public final class RandomUuids {
    private static final long VERSION_MASK = 0xF000L;
    private static final long VERSION_4 = 0x4000L;
    private static final long VARIANT_MASK = 0xC000_0000_0000_0000L;
    private static final long VARIANT_RFC_4122 = 0x8000_0000_0000_0000L;

    private RandomUuids() {}

    public static UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~VERSION_MASK | VERSION_4;
        long low = random.nextLong() & ~VARIANT_MASK | VARIANT_RFC_4122;
        return new UUID(high, low);
    }
}
