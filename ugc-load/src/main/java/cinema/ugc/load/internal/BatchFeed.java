package cinema.ugc.load.internal;

import cinema.ugc.load.ClientJson;
import cinema.ugc.model.Event;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Prepares the requests on its own thread, a queue ahead of the senders: generating traffic, signing tokens and
 * writing JSON bodies is CPU work (the first full batch of a light population can take many thousand draws) that
 * must not block the event loop. Bodies carry the time they were written at ({@code ClientJson.sentAt}); with a
 * bounded queue that is within moments of sending. An unbounded feed ({@code capacity} 0) prepares the whole run up
 * front — {@link #awaitPrepared()} — so a benchmark measures the API, not the generator.
 * {@link #poll()} is called from the event loop only.
 */
public final class BatchFeed implements AutoCloseable {
    private static final Request END = new Request(List.of(), "", Buffer.buffer(), 0, 0, 0);

    private final BlockingQueue<Request> queue;
    private final Thread thread;
    private volatile boolean closed;
    private boolean ended;

    public BatchFeed(Batcher batcher, Tokens tokens, boolean asArray, int capacity) {
        this.queue = capacity > 0 ? new ArrayBlockingQueue<>(capacity) : new LinkedBlockingQueue<>();
        this.thread = new Thread(() -> generate(batcher, tokens, asArray), "ugc-load-generator");
        thread.setDaemon(true);
        thread.start();
    }

    private static Request prepare(List<Event> batch, Tokens tokens, boolean asArray) {
        long now = System.currentTimeMillis();
        byte[] body = ClientJson.sentAt(batch, now, asArray);
        return new Request(batch, tokens.bearer(batch.get(0).userId()), Buffer.buffer(body), now, 0, 1);
    }

    /** Waits until every request of the run is prepared (for an unbounded feed). */
    public void awaitPrepared() throws InterruptedException {
        thread.join();
    }

    private void generate(Batcher batcher, Tokens tokens, boolean asArray) {
        try {
            List<Event> batch;
            do {
                batch = batcher.next();
                Request item = batch == null ? END : prepare(batch, tokens, asArray);
                while (!closed && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    // the senders are behind: wait for room
                }
            } while (batch != null && !closed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next request; null when none is ready yet or none will come ({@link #ended()}). */
    Request poll() {
        if (ended) {
            return null;
        }
        Request batch = queue.poll();
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
