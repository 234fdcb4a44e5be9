package cinema.ugc.kafka.internal;

import cinema.ugc.kafka.BrokerConfig;
import cinema.ugc.kafka.NodeRoles;
import java.util.Properties;

/**
 * The server.properties of one embedded KRaft node — a broker, a controller or both ({@link BrokerConfig#roles()}):
 * loopback listeners, small thread pools, and in a multi-node quorum the failover timeouts of docs/cluster.md
 * ("Broker failover"), each given to the role that reads it.
 */
public final class BrokerProperties {
    /** How often a broker tells the active controller it is alive (Kafka's default 2 s). Read by brokers. */
    public static final int HEARTBEAT_INTERVAL_MS = 250;
    /**
     * Silence after which the controller fences a broker and moves its leaderships and ISR places (default 9 s). Read
     * by controllers.
     */
    public static final int SESSION_TIMEOUT_MS = 1_500;
    /**
     * Silence from the active controller after which a voter calls an election, and an observer (a broker-only node)
     * asks the voters who leads now (default 2 s). Read by both roles.
     */
    public static final int QUORUM_FETCH_TIMEOUT_MS = 1_000;
    /** An election round's timeout and the most a candidate backs off before the next (defaults 1 s each). */
    public static final int QUORUM_ELECTION_TIMEOUT_MS = 500;

    private BrokerProperties() {}

    public static Properties of(BrokerConfig c) {
        Properties p = new Properties();
        identity(p, c);
        replication(p, c);
        modestResources(p);
        if (c.voters() != null) {
            failover(p, c.roles());
        }
        return p;
    }

    /**
     * A crashed broker holds every acks=all write (it is in every ISR with RF 3 on 3 brokers) until the controller
     * fences it, so the session timeout is the failover time. Shorter than Kafka's defaults at the price of fencing
     * a live broker that cannot heartbeat for 1.5 s (a long pause): it rejoins by itself, nothing acknowledged is lost.
     * A single node keeps Kafka's defaults: fencing the only broker would only take every partition offline.
     */
    private static void failover(Properties p, NodeRoles roles) {
        if (roles.broker()) {
            p.setProperty("broker.heartbeat.interval.ms", Integer.toString(HEARTBEAT_INTERVAL_MS));
        }
        if (roles.controller()) {
            p.setProperty("broker.session.timeout.ms", Integer.toString(SESSION_TIMEOUT_MS));
        }
        p.setProperty("controller.quorum.fetch.timeout.ms", Integer.toString(QUORUM_FETCH_TIMEOUT_MS));
        p.setProperty("controller.quorum.election.timeout.ms", Integer.toString(QUORUM_ELECTION_TIMEOUT_MS));
        p.setProperty("controller.quorum.election.backoff.max.ms", Integer.toString(QUORUM_ELECTION_TIMEOUT_MS));
    }

    private static void identity(Properties p, BrokerConfig c) {
        p.setProperty("process.roles", c.roles().processRoles());
        p.setProperty("node.id", Integer.toString(c.nodeId()));
        p.setProperty("controller.quorum.voters", c.quorumVoters());
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", c.logDir().toAbsolutePath().toString());
        listeners(p, c);
    }

    private static void listeners(Properties p, BrokerConfig c) {
        String client = "PLAINTEXT://" + c.bindHost() + ":" + c.port();
        String controller = "CONTROLLER://" + c.bindHost() + ":" + c.controllerPort();
        switch (c.roles()) {
            case COMBINED -> p.setProperty("listeners", client + "," + controller);
            case BROKER -> p.setProperty("listeners", client);
            case CONTROLLER -> {
                p.setProperty("listeners", controller);
                p.setProperty("advertised.listeners", "CONTROLLER://" + c.advertisedHost() + ":" + c.controllerPort());
            }
        }
        if (c.roles().broker()) {
            p.setProperty("advertised.listeners", "PLAINTEXT://" + c.advertisedHost() + ":" + c.port());
            p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        }
    }

    private static void replication(Properties p, BrokerConfig c) {
        String rf = Integer.toString(c.internalReplication());
        String isr = Integer.toString(c.minInsync());
        // Internal topics get few partitions: one consumer group and no transactions in this service.
        int internalPartitions = c.voters() == null ? 1 : 3;
        p.setProperty("offsets.topic.num.partitions", Integer.toString(internalPartitions));
        p.setProperty("offsets.topic.replication.factor", rf);
        p.setProperty("transaction.state.log.num.partitions", Integer.toString(internalPartitions));
        p.setProperty("transaction.state.log.replication.factor", rf);
        p.setProperty("transaction.state.log.min.isr", isr);
        p.setProperty("share.coordinator.state.topic.replication.factor", rf);
        p.setProperty("share.coordinator.state.topic.min.isr", isr);
        p.setProperty("default.replication.factor", rf);
        p.setProperty("min.insync.replicas", isr);
        p.setProperty("unclean.leader.election.enable", "false");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
    }

    /** The broker shares a 2-core machine with everything else: few threads, small buffers. */
    private static void modestResources(Properties p) {
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("background.threads", "2");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        p.setProperty("num.replica.fetchers", "1");
        p.setProperty("log.cleaner.threads", "1");
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        p.setProperty("log.index.size.max.bytes", Integer.toString(1024 * 1024));
        p.setProperty("log.segment.bytes", Integer.toString(128 * 1024 * 1024));
    }
}
