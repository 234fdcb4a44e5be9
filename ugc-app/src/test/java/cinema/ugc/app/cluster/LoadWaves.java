package cinema.ugc.app.cluster;

import cinema.ugc.load.LoadOptions;
import cinema.ugc.load.LoadReport;
import cinema.ugc.load.LoadRunner;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Continuous load on one API until told to stop: back-to-back {@link LoadRunner} runs of a few seconds each (the
 * runner has no stop button), every run with fresh event ids and its own accepted-ids file.
 */
final class LoadWaves {
    private static final Duration WAVE = Duration.ofSeconds(10);
    private final int port;
    private final double rate;
    private final String secret;
    private final Path dir;
    private final int index;
    private final List<LoadReport> reports = new ArrayList<>();
    private volatile boolean stopping;
    private CompletableFuture<Void> running;

    LoadWaves(int port, double rate, String secret, Path dir, int index) {
        this.port = port;
        this.rate = rate;
        this.secret = secret;
        this.dir = dir;
        this.index = index;
    }

    LoadWaves start() {
        running = CompletableFuture.runAsync(this::loop);
        return this;
    }

    /** Lets the current wave finish and returns every wave's report. */
    List<LoadReport> stop() {
        stopping = true;
        running.join();
        return reports;
    }

    private void loop() {
        for (int wave = 0; !stopping; wave++) {
            LoadOptions o = new LoadOptions(URI.create("http://127.0.0.1:" + port), rate, WAVE, 0, 20, 8, 2_000, 200,
                    1000L * index + wave, System.nanoTime(), secret, 0, Duration.ofSeconds(10),
                    dir.resolve("accepted-" + index + "-" + wave + ".ids"), 60, false);
            try {
                reports.add(new LoadRunner(o).run());
            } catch (Exception e) {
                throw new IllegalStateException("load wave " + wave + " against port " + port + " failed", e);
            }
        }
    }
}
