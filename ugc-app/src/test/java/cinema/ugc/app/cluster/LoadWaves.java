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
    /** A wave of this many events takes seconds; the next wave starts right after. */
    private static final int WAVE_EVENTS = 1_000;

    private final int port;
    private final int concurrency;
    private final String secret;
    private final Path dir;
    private final int index;
    private final List<LoadReport> reports = new ArrayList<>();
    private volatile boolean stopping;
    private CompletableFuture<Void> running;

    /** @param concurrency requests in flight (of 20 events each): the pressure on the API, since waves run flat out */
    LoadWaves(int port, int concurrency, String secret, Path dir, int index) {
        this.port = port;
        this.concurrency = concurrency;
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
            // factory + withers only: the record's canonical constructor is still growing
            LoadOptions o = LoadOptions.events(URI.create("http://127.0.0.1:" + port), WAVE_EVENTS, secret)
                    .withBatching(20, concurrency)
                    .withPopulation(2_000, 200, 1000L * index + wave, System.nanoTime())
                    .withLag(0, Duration.ofSeconds(10))
                    .withIdsFile(dir.resolve("accepted-" + index + "-" + wave + ".ids"));
            try {
                reports.add(new LoadRunner(o).run());
            } catch (Exception e) {
                throw new IllegalStateException("load wave " + wave + " against port " + port + " failed", e);
            }
        }
    }
}
