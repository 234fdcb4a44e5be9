package cinema.ugc.etl.erasure;

import cinema.ugc.store.EventEraser;
import cinema.ugc.store.EventQueries;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.StoredEvent;
import java.util.List;

/** The store as the ETL sees it: every write passes the {@link ErasureFilter} first. */
final class GuardedStore implements EventStore {
    private final EventStore store;
    private final ErasureFilter filter;

    GuardedStore(EventStore store, ErasureFilter filter) {
        this.store = store;
        this.filter = filter;
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public void migrate() {
        store.migrate();
    }

    @Override
    public void write(List<StoredEvent> batch) {
        filter.write(batch, kept -> {
            if (!kept.isEmpty()) {
                store.write(kept);
            }
        });
    }

    @Override
    public void partitionsAssigned(java.util.Map<Integer, Long> nextOffsets) {
        store.partitionsAssigned(nextOffsets);
    }

    @Override
    public java.util.Optional<cinema.ugc.store.DedupWindow> dedupWindow() {
        return store.dedupWindow();
    }

    @Override
    public EventQueries queries() {
        return store.queries();
    }

    @Override
    public EventEraser eraser() {
        return store.eraser();
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return store.toString();
    }
}
