package cinema.ugc.load;

import cinema.ugc.load.internal.BatchFeed;
import cinema.ugc.load.internal.Batcher;
import cinema.ugc.load.internal.LagProbes;
import cinema.ugc.load.internal.LoadLoop;
import cinema.ugc.load.internal.Stats;
import cinema.ugc.load.internal.Tokens;
import cinema.ugc.model.Event;
import cinema.ugc.traffic.TrafficConfig;
import cinema.ugc.traffic.TrafficModel;
import cinema.ugc.web.EventLoops;
import cinema.ugc.web.TokenIssuer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the load generator: synthetic traffic from a {@link TrafficModel}, signed per user, sent to the ingest API
 * over keep-alive connections, with a progress bar and a {@link LoadReport} at the end.
 *
 * <pre>{@code
 * LoadReport report = new LoadRunner(LoadOptions.events(URI.create("http://localhost:8080"), 10_000, secret)).run();
 * }</pre>
 */
public final class LoadRunner {
    private static final Logger log = LoggerFactory.getLogger(LoadRunner.class);
    /** The model's simulated month: long enough that active users gather full batches of their own events. */
    private static final Duration SIMULATED_WINDOW = Duration.ofDays(28);

    private static final long OPEN_ENDED_EXPECTED_EVENTS = 1_000_000;

    private final LoadOptions options;

    public LoadRunner(LoadOptions options) {
        this.options = options;
    }

    /** Sends the traffic and waits for the last answer and the lag probes. */
    public LoadReport run() throws IOException, InterruptedException {
        // The first requests load classes (DNS resolver, Jackson, Netty) and run cold code: on a busy 2-core machine
        // that takes seconds once. Generation runs on its own thread, so the steady state never comes near this limit.
        Vertx vertx = EventLoops.create(new VertxOptions()
                .setEventLoopPoolSize(1)
                .setMaxEventLoopExecuteTime(10)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
        WebClient client =
                WebClient.create(vertx, clientOptions(), new PoolOptions().setHttp1MaxSize(options.concurrency() + 4));
        try (BatchFeed feed = feed();
                BufferedWriter ids = idsWriter();
                ProgressBar bar = progressBar()) {
            Stats warmupStats = new Stats();
            LoadLoop warmup = options.warmup().isZero()
                    ? null
                    : new LoadLoop(
                            vertx,
                            client,
                            options.warmupPhase(),
                            feed,
                            warmupStats,
                            new LagProbes(vertx, client, baseUrl(), 0, 1),
                            ids);
            Stats stats = new Stats();
            LagProbes lag = new LagProbes(
                    vertx,
                    client,
                    baseUrl(),
                    options.lagSamples(),
                    options.lagTimeout().toNanos());
            LoadLoop loop = new LoadLoop(vertx, client, options, feed, stats, lag, ids);
            log.info("load: {} → {}", describeTarget(), options.url());
            await(vertx, warmup, loop, stats, warmupStats, bar);
            LoadReport.Warmup warm = warmup == null
                    ? LoadReport.Warmup.NONE
                    : new LoadReport.Warmup(
                            warmup.elapsedSeconds(), warmupStats.eventsAccepted(), warmupStats.eventsFailed());
            return report(stats, lag, loop.elapsedSeconds(), warm);
        } finally {
            client.close();
            vertx.close().await();
        }
    }

    /**
     * Generates the run's requests (traffic, per-user batching, request bodies) without sending them: how fast the
     * generator alone goes, i.e. the ceiling of what this machine can offer an API.
     *
     * @return a one-line summary
     */
    public String dryRun() {
        long begin = System.nanoTime();
        Batcher batcher = batcher();
        long events = 0;
        long requests = 0;
        long bytes = 0;
        long limitNanos =
                options.duration() == null ? Long.MAX_VALUE : options.duration().toNanos();
        for (List<Event> batch = batcher.next();
                batch != null && System.nanoTime() - begin < limitNanos;
                batch = batcher.next()) {
            bytes += ClientJson.sentAt(batch, System.currentTimeMillis(), options.batchSize() > 1).length;
            events += batch.size();
            requests++;
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        return String.format(
                Locale.ROOT,
                "generated %d events in %d requests (%.1f MB of JSON) in %.2f s: %.0f events/s%n",
                events,
                requests,
                bytes / 1e6,
                seconds,
                events / seconds);
    }

    /** Runs the warm-up (if any), then the measured loop, on the client's event loop; returns when both are done. */
    private void await(Vertx vertx, LoadLoop warmup, LoadLoop loop, Stats stats, Stats warmupStats, ProgressBar bar)
            throws InterruptedException {
        CompletableFuture<Void> finished = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            long timer = vertx.setPeriodic(250, t -> step(bar, stats, warmupStats, warmup, loop));
            Future<Void> warmedUp = warmup == null ? Future.succeededFuture() : warmup.start();
            warmedUp.compose(w -> {
                        if (warmup != null) {
                            log.info(
                                    "load: warm-up done ({} events accepted); measuring", warmupStats.eventsAccepted());
                        }
                        return loop.start();
                    })
                    .onComplete(ar -> {
                        vertx.cancelTimer(timer);
                        step(bar, stats, warmupStats, warmup, loop);
                        finished.complete(null);
                    });
        });
        try {
            finished.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("load run failed", e.getCause());
        }
    }

    private void step(ProgressBar bar, Stats stats, Stats warmupStats, LoadLoop warmup, LoadLoop loop) {
        if (bar == null) {
            return;
        }
        boolean measuring = warmup == null || loop.started();
        double seconds = (warmup == null ? 0 : warmup.elapsedSeconds()) + (measuring ? loop.elapsedSeconds() : 0);
        long maxSeconds = options.duration() == null
                ? 0
                : options.duration().plus(options.warmup()).toSeconds();
        bar.stepTo(options.duration() == null ? stats.eventsDone() : Math.min((long) seconds, maxSeconds));
        Stats shown = measuring ? stats : warmupStats;
        double phaseSeconds = measuring ? loop.elapsedSeconds() : warmup.elapsedSeconds();
        bar.setExtraMessage(String.format(
                Locale.ROOT,
                " %s%d accepted, %.0f ev/s",
                measuring ? "" : "warm-up: ",
                shown.eventsAccepted(),
                shown.eventsAccepted() / Math.max(phaseSeconds, 1e-3)));
    }

    private LoadReport report(Stats stats, LagProbes lag, double elapsedSeconds, LoadReport.Warmup warmup) {
        return new LoadReport(
                options.url().toString(),
                options.seed(),
                options.idSeed(),
                options.batchSize(),
                options.concurrency(),
                options.rate(),
                stats.requests(),
                stats.retries(),
                stats.eventsSent(),
                stats.eventsAccepted(),
                stats.eventsFailed(),
                stats.errorsByStatus(),
                elapsedSeconds,
                stats.latency(),
                stats.sendLag(),
                lag.result(),
                options.idsFile(),
                warmup);
    }

    private WebClientOptions clientOptions() {
        return new WebClientOptions()
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setConnectTimeout(5_000)
                .setIdleTimeout(60)
                .setUserAgent("ugc-load/0.1")
                .setFollowRedirects(false);
    }

    private Batcher batcher() {
        Long planned = options.plannedEvents();
        long expected = planned == null ? OPEN_ENDED_EXPECTED_EVENTS : Math.max(1, planned);
        TrafficConfig config = TrafficConfig.ending(
                        options.seed(), options.users(), options.films(), Instant.now(), SIMULATED_WINDOW, expected)
                .withIdSeed(options.idSeed());
        int maxBuffered = Math.max(50_000, options.batchSize() * options.concurrency() * 4);
        return new Batcher(
                new TrafficModel(config),
                options.batchSize(),
                maxBuffered,
                options.duration() == null ? options.events() : Long.MAX_VALUE);
    }

    private BatchFeed feed() throws InterruptedException {
        BatchFeed feed = new BatchFeed(
                batcher(),
                tokens(),
                options.batchSize() > 1,
                options.pregenerate() ? 0 : Math.max(64, 4 * options.concurrency()));
        if (options.pregenerate()) {
            long begin = System.nanoTime();
            feed.awaitPrepared();
            log.info("load: prepared every request in {} ms", (System.nanoTime() - begin) / 1_000_000);
        }
        return feed;
    }

    private Tokens tokens() {
        Duration ttl = (options.duration() == null
                ? Duration.ofHours(6)
                : options.duration().plusHours(1));
        return new Tokens(new TokenIssuer(options.secret(), "roles", Clock.systemUTC()), ttl);
    }

    private BufferedWriter idsWriter() throws IOException {
        if (options.idsFile() == null) {
            return new BufferedWriter(Writer.nullWriter());
        }
        if (options.idsFile().toAbsolutePath().getParent() != null) {
            Files.createDirectories(options.idsFile().toAbsolutePath().getParent());
        }
        return Files.newBufferedWriter(options.idsFile());
    }

    private ProgressBar progressBar() {
        if (!options.progress()) {
            return null;
        }
        boolean byTime = options.duration() != null;
        return new ProgressBarBuilder()
                .setTaskName("load")
                .setStyle(ProgressBarStyle.ASCII)
                .setInitialMax(
                        byTime ? options.duration().plus(options.warmup()).toSeconds() : options.events())
                .setUnit(byTime ? " s" : " ev", 1)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }

    private String baseUrl() {
        return options.url().toString().replaceAll("/+$", "");
    }

    private String describeTarget() {
        return (options.duration() == null ? options.events() + " events" : options.duration() + "")
                + (options.warmup().isZero() ? "" : " after a " + options.warmup() + " warm-up")
                + (options.rate() > 0 ? " at " + options.rate() + " ev/s" : " as fast as possible")
                + ", batches ≤ " + options.batchSize() + ", " + options.concurrency() + " in flight";
    }
}
