package cinema.ugc.load.internal;

import cinema.ugc.model.Event;
import cinema.ugc.traffic.TrafficModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups the model's events into requests. A request carries one user's events only (the API takes the user from
 * the token), so events wait in per-user buffers until one holds {@code batchSize}; when too many wait overall, the
 * longest-waiting buffer goes out short — like a player flushing on a timer. Deterministic for a seed.
 */
public final class Batcher {
    private final TrafficModel model;
    private final int batchSize;
    private final int maxBuffered;
    private final long limit;
    private final Map<String, List<Event>> buffers = new LinkedHashMap<>();
    private final ArrayDeque<List<Event>> ready = new ArrayDeque<>();
    private long drawn;
    private int buffered;

    /** @param limit events to draw from the model in total; {@code Long.MAX_VALUE} for no limit */
    public Batcher(TrafficModel model, int batchSize, int maxBuffered, long limit) {
        this.model = model;
        this.batchSize = batchSize;
        this.maxBuffered = Math.max(maxBuffered, batchSize);
        this.limit = limit;
    }

    /** The next request's events (one user, 1..batchSize of them), or null when the limit is reached and all sent. */
    public List<Event> next() {
        while (ready.isEmpty() && drawn < limit) {
            add(model.next());
        }
        if (ready.isEmpty()) {
            drainAll();
        }
        return ready.poll();
    }

    private void add(Event event) {
        drawn++;
        List<Event> buffer = buffers.computeIfAbsent(event.userId(), u -> new ArrayList<>(Math.min(batchSize, 16)));
        buffer.add(event);
        buffered++;
        if (buffer.size() >= batchSize) {
            release(event.userId());
        } else if (buffered > maxBuffered) {
            release(buffers.keySet().iterator().next());
        }
    }

    private void release(String user) {
        List<Event> batch = buffers.remove(user);
        buffered -= batch.size();
        ready.add(batch);
    }

    private void drainAll() {
        for (Iterator<String> it = buffers.keySet().iterator(); it.hasNext(); ) {
            List<Event> batch = buffers.get(it.next());
            it.remove();
            buffered -= batch.size();
            ready.add(batch);
        }
    }

    /** Events drawn from the model so far (sent, queued or still buffered). */
    public long drawn() {
        return drawn;
    }
}
