package cinema.ugc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Components stop in the reverse order of their start, also after a failed start, and a failed stop stops no other. */
class LifecycleTest {
    private final List<String> log = new ArrayList<>();
    private final Lifecycle lifecycle = new Lifecycle();

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
