package io.firebreak.embedded;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One node (broker and controller) of a {@link KafkaCluster}, run in a JVM of its own so that a test can
 * kill it with SIGKILL. Arguments: node id, broker port, controller port, the quorum voters
 * ({@code 1@127.0.0.1:p1,2@...}), the cluster id, the log directory. Runs until killed.
 */
public final class KafkaClusterNode {

    private KafkaClusterNode() {
    }

    public static void main(String[] args) throws Exception {
        int nodeId = Integer.parseInt(args[0]);
        int brokerPort = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        String voters = args[3];
        String clusterId = args[4];
        Path logDir = Path.of(args[5]);
        int replicas = voters.split(",").length;
        String minIsr = String.valueOf(Math.max(1, replicas - 1));
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(nodeId)),
                Map.entry("controller.quorum.voters", voters),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", logDir.resolve("data").toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("default.replication.factor", String.valueOf(replicas)),
                Map.entry("min.insync.replicas", minIsr),
                Map.entry("offsets.topic.replication.factor", String.valueOf(replicas)),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", String.valueOf(replicas)),
                Map.entry("transaction.state.log.min.isr", minIsr),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("share.coordinator.state.topic.replication.factor", String.valueOf(replicas)),
                Map.entry("share.coordinator.state.topic.min.isr", minIsr),
                Map.entry("share.coordinator.state.topic.num.partitions", "3"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // a killed node is noticed within seconds, not the 18 s default, so leaders move quickly
                Map.entry("broker.session.timeout.ms", "6000"),
                Map.entry("broker.heartbeat.interval.ms", "1000")));
        KafkaConfig config = new KafkaConfig(p, false);
        Path dataDir = logDir.resolve("data");
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
                new Formatter().setPrintStream(print).setNodeId(nodeId).setClusterId(clusterId)
                        .setSupportedFeatures(Feature.PRODUCTION_FEATURES).setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                        .setControllerListenerName("CONTROLLER").setMetadataLogDirectory(config.metadataLogDir())
                        .addDirectory(dataDir.toString()).run();
            }
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        server.awaitShutdown();
    }
}
