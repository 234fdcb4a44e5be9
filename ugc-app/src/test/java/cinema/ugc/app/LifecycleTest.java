package cinema.ugc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Components stop in the reverse order of their start, also after a failed start or a close during start-up (from
 * another thread, as a shutdown hook does), and a failed stop stops no other.
 */
class LifecycleTest {
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Lifecycle lifecycle = new Lifecycle();
    private final ExecutorService starter = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopStarter() {
        starter.shutdownNow();
    }

    @Test
    void stopsInTheReverseOrderOfStartOnce() {
        lifecycle.startAll(List.of(step("lock"), step("broker"), nothing("topics"), step("etl"), step("http")));
        lifecycle.close();
        lifecycle.close();
        assertEquals(
                List.of(
                        "start lock",
                        "start broker",
                        "start topics",
                        "start etl",
                        "start http",
                        "stop http",
                        "stop etl",
                        "stop broker",
                        "stop lock"),
                log);
    }

    @Test
    void aFailedStartStopsWhatStartedBeforeItInReverseAndRethrows() {
        IllegalStateException failure = new IllegalStateException("port in use");
        RuntimeException thrown = assertThrows(
                RuntimeException.class,
                () -> lifecycle.startAll(List.of(
                        step("lock"),
                        step("broker"),
                        new Lifecycle.Step("http", () -> {
                            throw failure;
                        }),
                        step("never"))));
        assertSame(failure, thrown);
        assertEquals(List.of("start lock", "start broker", "stop broker", "stop lock"), log);
    }

    @Test
    void aStopThatFailsDoesNotKeepTheOthersRunning() {
        lifecycle.startAll(List.of(
                step("store"),
                new Lifecycle.Step("etl", () -> () -> {
                    throw new IllegalStateException("flush failed");
                }),
                step("http")));
        lifecycle.close();
        assertEquals(List.of("start store", "start http", "stop http", "stop store"), log);
    }

    @Test
    void aCloseDuringStartUpInterruptsTheStepUnderWayStopsTheStartedInReverseAndStartsNoMore() throws Exception {
        CountDownLatch underWay = new CountDownLatch(1);
        Lifecycle.Step waiting = new Lifecycle.Step("topics", () -> {
            log.add("start topics");
            underWay.countDown();
            try {
                new CountDownLatch(1).await();
                return Lifecycle.NOTHING;
            } catch (InterruptedException e) {
                log.add("topics interrupted");
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted creating topics", e);
            }
        });
        Future<?> starting =
                starter.submit(() -> lifecycle.startAll(List.of(step("lock"), step("broker"), waiting, step("http"))));
        assertTrue(underWay.await(10, TimeUnit.SECONDS));

        lifecycle.close();

        ExecutionException e = assertThrows(ExecutionException.class, () -> starting.get(10, TimeUnit.SECONDS));
        assertInstanceOf(StartAbortedException.class, e.getCause());
        assertEquals(
                List.of("start lock", "start broker", "start topics", "topics interrupted", "stop broker", "stop lock"),
                log);
    }

    /** A step that ignores the interrupt does not hold up the close; what it started is stopped once it ends. */
    @Test
    void aStepThatOutlastsTheCloseIsStoppedWhenItEnds() throws Exception {
        Lifecycle impatient = new Lifecycle(Duration.ZERO);
        CountDownLatch underWay = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Lifecycle.Step stubborn = new Lifecycle.Step("broker", () -> {
            log.add("start broker");
            underWay.countDown();
            awaitIgnoringInterrupts(release);
            return () -> log.add("stop broker");
        });
        Future<?> starting = starter.submit(() -> impatient.startAll(List.of(step("lock"), stubborn, step("http"))));
        assertTrue(underWay.await(10, TimeUnit.SECONDS));

        impatient.close();
        assertEquals(List.of("start lock", "start broker", "stop lock"), log);
        release.countDown();

        ExecutionException e = assertThrows(ExecutionException.class, () -> starting.get(10, TimeUnit.SECONDS));
        assertInstanceOf(StartAbortedException.class, e.getCause());
        assertEquals(List.of("start lock", "start broker", "stop lock", "stop broker"), log);
    }

    @Test
    void afterACloseNothingStarts() {
        lifecycle.close();
        assertThrows(StartAbortedException.class, () -> lifecycle.startAll(List.of(step("lock"))));
        assertEquals(List.of(), log);
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private Lifecycle.Step step(String name) {
        return new Lifecycle.Step(name, () -> {
            log.add("start " + name);
            return () -> log.add("stop " + name);
        });
    }

    private Lifecycle.Step nothing(String name) {
        return new Lifecycle.Step(name, () -> {
            log.add("start " + name);
            return Lifecycle.NOTHING;
        });
    }
}
