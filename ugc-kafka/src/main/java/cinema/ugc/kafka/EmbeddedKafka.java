package cinema.ugc.kafka;

import cinema.ugc.kafka.internal.BrokerLogging;
import cinema.ugc.kafka.internal.BrokerProperties;
import cinema.ugc.kafka.internal.Ports;
import cinema.ugc.kafka.internal.Readiness;
import cinema.ugc.kafka.internal.StorageFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka node (KRaft) running in this JVM: broker and controller combined for {@code ./ugc run} and the
 * tests; {@link KafkaProcess} runs the same class as a separate JVM via {@link #main}, where it may also be a
 * broker-only or controller-only node of a multi-node cluster ({@link BrokerConfig#roles()}).
 *
 * <p>A data directory is formatted once; later starts reuse its cluster id, its data and (when free) its ports, so
 * a stop followed by a start on the same directory and port finds every record again.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    /** Far more than a start takes on an idle machine (docs/benchmarks.md#end-to-end): a loaded CI box needs it. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    static {
        // Before any Kafka logger exists: slf4j-simple fixes a logger's level when it is created.
        cinema.ugc.kafka.internal.BrokerLogging.quiet();
    }

    private final BrokerConfig config;
    private KafkaRaftServer server;

    private EmbeddedKafka(BrokerConfig config) {
        this.config = config;
    }

    /** Starts a single-node broker on {@code port} (0 = a free one) and waits until it answers. */
    public static EmbeddedKafka start(Path dataDir, int port) {
        return start(BrokerConfig.single(dataDir, port));
    }

    public static EmbeddedKafka start(BrokerConfig config) {
        EmbeddedKafka kafka = new EmbeddedKafka(resolvePorts(config));
        kafka.startServer();
        kafka.awaitReady(READY_TIMEOUT);
        return kafka;
    }

    /** Starts it again after {@link #stop()}, on the same data directory and ports. */
    public synchronized void restart() {
        if (server == null) {
            startServer();
            awaitReady(READY_TIMEOUT);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + config.port();
    }

    public int port() {
        return config.port();
    }

    public Path dataDir() {
        return config.dataDir();
    }

    public synchronized boolean running() {
        return server != null;
    }

    /** Clean shutdown: the log is flushed and closed, so the next start needs no recovery. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        LOG.info("stopping embedded Kafka on {}", bootstrapServers());
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public void awaitReady(Duration timeout) {
        Readiness.await(bootstrapServers(), timeout);
    }

    private synchronized void startServer() {
        BrokerLogging.quiet();
        createDirectories(config.dataDir());
        Properties props = BrokerProperties.of(config);
        StorageFormat.prepare(config, props);
        Ports.remember(config.dataDir(), config.port(), config.controllerPort());
        KafkaRaftServer s = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        s.startup();
        server = s;
        LOG.info(
                "embedded Kafka node {} listening on {} (data {})",
                config.nodeId(),
                bootstrapServers(),
                config.dataDir());
    }

    private static BrokerConfig resolvePorts(BrokerConfig c) {
        if (c.roles() != NodeRoles.COMBINED) {
            return c; // a node of a multi-node cluster: BrokerConfig insists on fixed ports
        }
        int port = c.port() != 0 ? c.port() : Ports.remembered(c.dataDir(), "port", Ports.free());
        int controller = c.controllerPort() != 0
                ? c.controllerPort()
                : Ports.remembered(c.dataDir(), "controller.port", Ports.free());
        if (controller == port) {
            controller = Ports.free();
        }
        return c.withPorts(port, controller);
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data directory " + dir, e);
        }
    }

    /**
     * Runs one node as its own process (see {@link KafkaProcess}) until it is signalled: SIGTERM shuts it down
     * cleanly, SIGKILL simulates a crash. Arguments: see {@link KafkaProcess#arguments}.
     */
    public static void main(String[] args) throws InterruptedException {
        BrokerConfig config = KafkaProcess.parse(args);
        EmbeddedKafka kafka = new EmbeddedKafka(resolvePorts(config));
        kafka.startServer();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "kafka-shutdown"));
        System.out.println("kafka node " + config.nodeId() + " ("
                + config.roles().processRoles() + ") started on "
                + (config.roles().broker() ? kafka.bootstrapServers() : "controller port " + config.controllerPort()));
        KafkaRaftServer s;
        synchronized (kafka) {
            s = kafka.server;
        }
        if (s != null) {
            s.awaitShutdown();
        }
    }
}
