package cinema.ugc.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLoopsTest {
    @Test
    void linuxOnX86UsesTheNativeEpollTransport() {
        assumeTrue(
                System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                        && System.getProperty("os.arch").matches("amd64|x86_64"),
                "the bundled native library is linux-x86_64");
        Vertx vertx = EventLoops.create();
        try {
            assertTrue(vertx.isNativeTransportEnabled(), String.valueOf(vertx.unavailableNativeTransportCause()));
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void theCallersOptionsAreKept() throws Exception {
        assertEquals(1, eventLoopThreads(new VertxOptions().setEventLoopPoolSize(1)));
        assertEquals(3, eventLoopThreads(new VertxOptions().setEventLoopPoolSize(3)));
    }

    /** Each outside thread gets its own context, spread round-robin over the event loops: count the loops used. */
    private static int eventLoopThreads(VertxOptions options) throws Exception {
        Vertx vertx = EventLoops.create(options);
        try {
            Set<Thread> loops = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                CompletableFuture<Thread> loop = new CompletableFuture<>();
                Thread outside = new Thread(() -> vertx.runOnContext(v -> loop.complete(Thread.currentThread())));
                outside.start();
                loops.add(loop.get(5, TimeUnit.SECONDS));
                outside.join();
            }
            return loops.size();
        } finally {
            vertx.close().await();
        }
    }
}
