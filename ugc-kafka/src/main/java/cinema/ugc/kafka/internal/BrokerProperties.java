package cinema.ugc.kafka.internal;

import cinema.ugc.kafka.BrokerConfig;

import java.util.Properties;

/** The server.properties of one embedded KRaft node: combined roles, loopback listeners, small thread pools. */
public final class BrokerProperties {
    private BrokerProperties() {
    }

    public static Properties of(BrokerConfig c) {
        Properties p = new Properties();
        identity(p, c);
        replication(p, c);
        modestResources(p);
        return p;
    }

    private static void identity(Properties p, BrokerConfig c) {
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(c.nodeId()));
        p.setProperty("controller.quorum.voters", c.quorumVoters());
        p.setProperty("listeners", "PLAINTEXT://" + c.bindHost() + ":" + c.port() + ",CONTROLLER://" + c.bindHost()
                + ":" + c.controllerPort());
        p.setProperty("advertised.listeners", "PLAINTEXT://" + c.advertisedHost() + ":" + c.port());
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", c.logDir().toAbsolutePath().toString());
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
