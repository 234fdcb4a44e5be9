package cinema.ugc.app.cli;

import cinema.ugc.load.LoadOptions;
import cinema.ugc.load.LoadReport;
import cinema.ugc.load.LoadRunner;
import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import cinema.ugc.model.config.Setting;
import cinema.ugc.web.JwtSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./ugc load}: realistic synthetic traffic against a running API, with a latency and visibility report. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Sends realistic synthetic user events (seeded: Zipf users and films, viewing sessions with "
                    + "FILM_PROGRESS intervals, clicks, searches, ...) to the ingest API, signing a token per user, and "
                    + "reports accepted events, errors by status, events/s, latency percentiles and the end-to-end "
                    + "visibility lag measured through GET /api/v1/me/events.",
            "With --warmup, that long is sent first and reported apart, so latency figures leave out JIT warm-up.",
            "Exit code 0 when every event was accepted, 1 when some were not, 2 on bad options."
        })
public final class LoadCommand implements Callable<Integer> {

    @Option(
            names = "--url",
            defaultValue = "http://localhost:8080",
            description = "API base URL (default ${DEFAULT-VALUE}).")
    URI url;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Target target = new Target();

    static final class Target {
        @Option(names = "--duration", description = "Send for this long, e.g. 30s, 5m (default 30s).")
        String duration;

        @Option(names = "--events", description = "Send exactly this many events.")
        Long events;
    }

    @Option(
            names = "--warmup",
            defaultValue = "0s",
            description =
                    "Send this long first (same rate and "
                            + "concurrency) and leave it out of the figures; the report counts its events apart. Needs --duration. "
                            + "Use it for latency figures: a fresh JVM compiles its hot paths in the first seconds (default none).")
    String warmup;

    @Option(
            names = "--rate",
            defaultValue = "0",
            description = "Target events per second; 0 = as fast as possible (default).")
    double rate;

    @Option(
            names = "--batch-size",
            defaultValue = "100",
            description =
                    "Events per request, 1..1000 (default ${DEFAULT-VALUE}); "
                            + "1 posts single events to /api/v1/events. A request holds one user's events, so some go out short.")
    int batchSize;

    @Option(
            names = "--concurrency",
            defaultValue = "16",
            description = "Requests in flight (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--users", defaultValue = "10000", description = "Simulated users (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--films", defaultValue = "1000", description = "Films in the catalog (default ${DEFAULT-VALUE}).")
    int films;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the traffic (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--id-seed",
            description = "Seed of the event ids (default: fresh each run, so reruns are not "
                    + "deduplicated away; give the same value to replay the very same events).")
    Long idSeed;

    @Option(
            names = "--secret",
            description = "HS256 secret for the tokens (default: UGC_JWT_SECRET, else the "
                    + "secret ./ugc run generated in <UGC_DATA_DIR>/jwt-secret).")
    String secret;

    @Option(
            names = "--lag-samples",
            defaultValue = "20",
            description = "Accepted events whose visibility is timed (default ${DEFAULT-VALUE}; 0 = off).")
    int lagSamples;

    @Option(
            names = "--lag-timeout",
            defaultValue = "60s",
            description = "Give up on one visibility sample after (default ${DEFAULT-VALUE}).")
    String lagTimeout;

    @Option(
            names = "--max-attempts",
            defaultValue = "20",
            description = "Attempts per request while the API answers 503 (default ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(
            names = "--json",
            description = "Also write the report as JSON here (ids of accepted events go to FILE.ids "
                    + "unless --ids says otherwise).")
    Path json;

    @Option(names = "--ids", description = "Write the accepted event ids here, one per line.")
    Path ids;

    @Option(
            names = "--progress",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Show a progress bar on stderr (default on; --no-progress turns it off).")
    boolean progress;

    @Option(
            names = "--pregenerate",
            description =
                    "Prepare every request before sending (needs --events, or "
                            + "--duration with --rate): the run then measures the API, not the generator. Costs ~0.4 KB of memory per event.")
    boolean pregenerate;

    @Option(
            names = "--dry-run",
            description = "Only generate the requests (no HTTP) and report how fast: the "
                    + "generator's own ceiling on this machine.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException, InterruptedException {
        LoadOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException | ConfigException e) {
            System.err.println("ugc load: " + e.getMessage());
            return 2;
        }
        if (dryRun) {
            System.out.print(new LoadRunner(options).dryRun());
            return 0;
        }
        LoadReport report = new LoadRunner(options).run();
        System.out.print(report.toText());
        if (json != null) {
            report.writeJson(json);
        }
        boolean allAccepted = report.eventsFailed() == 0 && report.warmup().eventsFailed() == 0;
        return allAccepted && report.eventsAccepted() > 0 ? 0 : 1;
    }

    LoadOptions options() {
        Duration duration = target.events == null
                ? duration("--duration", target.duration == null ? "30s" : target.duration)
                : null;
        LoadOptions.Builder options = LoadOptions.builder(url, secret())
                .rate(rate)
                .batching(batchSize, concurrency)
                .population(users, films)
                .seeds(seed, idSeed != null ? idSeed : new SecureRandom().nextLong())
                .lag(lagSamples, duration("--lag-timeout", lagTimeout))
                .idsFile(ids != null ? ids : json == null ? null : json.resolveSibling(json.getFileName() + ".ids"))
                .maxAttempts(maxAttempts)
                .progress(progress)
                .pregenerate(pregenerate)
                .warmup(duration("--warmup", warmup));
        return (duration == null ? options.events(target.events) : options.duration(duration)).build();
    }

    private static Duration duration(String option, String text) {
        try {
            return Setting.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + text + ": " + e.getMessage(), e);
        }
    }

    private String secret() {
        if (secret != null) {
            return secret;
        }
        JwtSettings jwt = JwtSettings.from(Env.system());
        if (jwt.hmacSecret() == null) {
            throw new ConfigException(
                    "the API verifies tokens with a public key only; give the HS256 secret with --secret");
        }
        return jwt.hmacSecret();
    }
}
