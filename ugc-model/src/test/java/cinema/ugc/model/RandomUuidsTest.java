package cinema.ugc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What the server-made ids promise: version-4 UUIDs of the RFC 4122 variant, none repeated across threads. */
class RandomUuidsTest {
    @Test
    void eachIdIsAVersion4UuidThatSurvivesItsText() {
        for (int i = 0; i < 10_000; i++) {
            UUID id = RandomUuids.next();
            assertEquals(4, id.version());
            assertEquals(2, id.variant(), "the RFC 4122 variant");
            assertEquals(id, UUID.fromString(id.toString()));
        }
    }

    @Test
    void idsFromSeveralThreadsAreAllDistinct() throws Exception {
        int threads = 4;
        int perThread = 50_000;
        Set<UUID> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Future<?>[] done = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                done[t] = pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        ids.add(RandomUuids.next());
                    }
                });
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * perThread, ids.size());
    }
}
