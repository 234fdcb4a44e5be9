package cinema.ugc.load.internal;

import cinema.ugc.model.Event;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@link Batcher} on its own thread, a bounded queue ahead of the senders: generating traffic is CPU work
 * (the first full batch of a light population can take many thousand draws) and must not block the event loop.
 * {@link #poll()} is called from the event loop only.
 */
public final class BatchFeed implements AutoCloseable {
    private static final List<Event> END = List.of();

    private final BlockingQueue<List<Event>> queue;
    private final Thread thread;
    private volatile boolean closed;
    private boolean ended;

    public BatchFeed(Batcher batcher, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(() -> generate(batcher), "ugc-load-generator");
        thread.setDaemon(true);
        thread.start();
    }

    private void generate(Batcher batcher) {
        try {
            List<Event> batch;
            do {
                batch = batcher.next();
                List<Event> item = batch == null ? END : batch;
                while (!closed && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    // the senders are behind: wait for room
                }
            } while (batch != null && !closed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next request's events; null when none is ready yet or none will come ({@link #ended()}). */
    public List<Event> poll() {
        if (ended) {
            return null;
        }
        List<Event> batch = queue.poll();
        if (batch == END) {
            ended = true;
            return null;
        }
        return batch;
    }

    /** True once the batcher has given everything it had. */
    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
