package cinema.ugc.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Kafka node in a child JVM ({@code java -cp <this class path> cinema.ugc.kafka.EmbeddedKafka ...}), so that
 * fault tests can kill it with SIGKILL like a crashed machine. Output goes to {@code <dataDir>/broker.log}.
 */
public final class KafkaProcess implements AutoCloseable {
    static {
        // Before any Kafka logger exists: slf4j-simple fixes a logger's level when it is created.
        cinema.ugc.kafka.internal.BrokerLogging.quiet();
    }

    private final BrokerConfig config;
    private final List<String> jvmOptions;
    private Process process;

    /** @param config ports must be fixed (non-zero) so that a restart comes back where clients expect it */
    public KafkaProcess(BrokerConfig config, List<String> jvmOptions) {
        if (!config.hasFixedPorts()) {
            throw new IllegalArgumentException("a Kafka child process needs fixed ports");
        }
        this.config = config;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    public KafkaProcess(BrokerConfig config) {
        this(config, List.of("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC"));
    }

    /** Launches the JVM and returns at once; see {@link #awaitReady}. */
    public synchronized KafkaProcess start() {
        if (alive()) {
            return this;
        }
        try {
            Files.createDirectories(config.dataDir());
            process = new ProcessBuilder(command())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka node " + config.nodeId(), e);
        }
        return this;
    }

    /** Waits until the node answers metadata requests (a multi-node cluster also needs its quorum up). */
    public KafkaProcess awaitReady(Duration timeout) {
        cinema.ugc.kafka.internal.Readiness.await(bootstrapServers(), timeout);
        return this;
    }

    /** SIGKILL: no shutdown hook runs, like a power cut. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /** SIGTERM: the node shuts down cleanly (controlled shutdown moves its leaderships away first). */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(60))) {
                kill();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + config.port();
    }

    public BrokerConfig config() {
        return config;
    }

    public Path logFile() {
        return config.dataDir().resolve("broker.log");
    }

    /** The full command line, for callers that launch the node themselves (e.g. detached by a CLI). */
    public List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(absoluteClassPath());
        cmd.add(EmbeddedKafka.class.getName());
        cmd.addAll(arguments(config));
        return cmd;
    }

    /** This JVM's class path with every entry made absolute: the child may run in another directory. */
    public static String absoluteClassPath() {
        String sep = java.io.File.pathSeparator;
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.util.regex.Pattern.quote(sep)))
                .filter(e -> !e.isEmpty())
                .map(e -> e.endsWith("*") ? e : Path.of(e).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(sep));
    }

    /** The arguments {@link EmbeddedKafka#main} understands. */
    public static List<String> arguments(BrokerConfig c) {
        List<String> args = new ArrayList<>(List.of(
                "--node-id",
                "" + c.nodeId(),
                "--data-dir",
                c.dataDir().toAbsolutePath().toString(),
                "--replication",
                "" + c.internalReplication(),
                "--min-insync",
                "" + c.minInsync()));
        if (c.port() != 0) { // a controller-only node has no client port
            args.addAll(List.of("--port", "" + c.port()));
        }
        if (c.controllerPort() != 0) { // a broker-only node has no controller port
            args.addAll(List.of("--controller-port", "" + c.controllerPort()));
        }
        if (c.voters() != null) {
            args.addAll(List.of("--voters", c.voters()));
        }
        if (c.clusterId() != null) {
            args.addAll(List.of("--cluster-id", c.clusterId()));
        }
        if (c.host() != null) {
            args.addAll(List.of("--host", c.host()));
        }
        if (c.roles() != NodeRoles.COMBINED) {
            args.addAll(List.of("--roles", c.roles().processRoles()));
        }
        return args;
    }

    static BrokerConfig parse(String[] args) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        if (!m.containsKey("data-dir")) {
            throw new IllegalArgumentException("usage: EmbeddedKafka --data-dir DIR [--port P] [--controller-port C]"
                    + " [--node-id N] [--voters 1@127.0.0.1:C1,...] [--cluster-id ID] [--replication R] [--min-insync M]"
                    + " [--host NAME] [--roles broker|controller|broker,controller]");
        }
        return new BrokerConfig(
                Integer.parseInt(m.getOrDefault("node-id", "1")),
                Path.of(m.get("data-dir")),
                Integer.parseInt(m.getOrDefault("port", "0")),
                Integer.parseInt(m.getOrDefault("controller-port", "0")),
                m.get("voters"),
                m.get("cluster-id"),
                Integer.parseInt(m.getOrDefault("replication", "1")),
                Integer.parseInt(m.getOrDefault("min-insync", "1")),
                m.get("host"),
                NodeRoles.parse(m.getOrDefault("roles", NodeRoles.COMBINED.processRoles())));
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
