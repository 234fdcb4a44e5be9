package cinema.ugc.etl.internal;

import cinema.ugc.store.StoreException;
import cinema.ugc.store.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * After a fatal (non-retriable) store failure, finds the rows the store rejects by writing halves of the batch, down
 * to single rows (as kafka-connect-jdbc does). Rows are the culprits only if some other row of the batch was written:
 * when nothing at all can be written the store itself is broken (schema, authentication), and the failure stands.
 * Re-writing rows that did land is harmless: the store is idempotent by event id.
 */
final class RowIsolation {
    private final Consumer<List<StoredEvent>> write;
    private final List<Rejected> rejected = new ArrayList<>();
    private int written;

    record Rejected(StoredEvent event, StoreException cause) {}

    private RowIsolation(Consumer<List<StoredEvent>> write) {
        this.write = write;
    }

    /**
     * @return the rejected rows, when at least one row was written
     * @throws StoreException the original failure when no row could be written, or a retriable one met on the way
     */
    static List<Rejected> isolate(List<StoredEvent> batch, StoreException failure, Consumer<List<StoredEvent>> write) {
        if (batch.size() < 2) {
            throw failure;
        }
        RowIsolation isolation = new RowIsolation(write);
        isolation.split(batch);
        if (isolation.written == 0) {
            throw failure;
        }
        return isolation.rejected;
    }

    private void split(List<StoredEvent> rows) {
        int half = rows.size() / 2;
        attempt(rows.subList(0, half));
        attempt(rows.subList(half, rows.size()));
    }

    private void attempt(List<StoredEvent> rows) {
        try {
            write.accept(rows);
            written += rows.size();
        } catch (StoreException e) {
            if (e.retriable()) {
                throw e;
            }
            if (rows.size() == 1) {
                rejected.add(new Rejected(rows.get(0), e));
            } else {
                split(rows);
            }
        }
    }
}
