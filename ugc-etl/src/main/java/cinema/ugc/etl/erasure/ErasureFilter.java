package cinema.ugc.etl.erasure;

import cinema.ugc.store.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * Which users' history is erased up to when — the in-memory form of the compacted erasure topic — and the gate every
 * store write passes: an event of an erased user received at or before the erasure instant is dropped.
 *
 * <p>A write holds the read lock from filtering until the store returned; {@link #add} takes the write lock. So once
 * {@code add} returned, no write filtered without the new erasure is still running, and any row such a write stored
 * is there for the store's delete to find: deleting after {@code add} leaves nothing behind.
 */
public final class ErasureFilter {
    private final Map<String, Instant> erasedUpTo = new HashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /** Records that {@code user}'s events received at or before {@code upTo} are erased; later instants win. */
    public void add(String user, Instant upTo) {
        lock.writeLock().lock();
        try {
            erasedUpTo.merge(user, upTo, (a, b) -> a.isAfter(b) ? a : b);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Filters {@code batch} and hands what is left to {@code write}, with no erasure added in between. */
    public void write(List<StoredEvent> batch, Consumer<List<StoredEvent>> write) {
        lock.readLock().lock();
        try {
            write.accept(erasedUpTo.isEmpty() ? batch : kept(batch));
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<StoredEvent> kept(List<StoredEvent> batch) {
        List<StoredEvent> kept = new ArrayList<>(batch.size());
        for (StoredEvent e : batch) {
            Instant upTo = erasedUpTo.get(e.event().userId());
            if (upTo == null || e.event().receivedAt().isAfter(upTo)) {
                kept.add(e);
            }
        }
        return kept.size() == batch.size() ? batch : kept;
    }

    /** The erasure instant of {@code user}, null when none. */
    public Instant erasedUpTo(String user) {
        lock.readLock().lock();
        try {
            return erasedUpTo.get(user);
        } finally {
            lock.readLock().unlock();
        }
    }
}
