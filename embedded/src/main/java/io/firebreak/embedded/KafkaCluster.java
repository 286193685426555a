package io.firebreak.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KRaft cluster of N nodes on loopback, each node (broker and controller) a JVM of its own running the
 * Kafka server artifact ({@link KafkaClusterNode}), so a test can kill one with SIGKILL. Replication factor N
 * and {@code min.insync.replicas} N-1 for every topic, the internal ones included: one node may die.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final List<ChildProcess> nodes = new ArrayList<>();
    private final List<Integer> brokerPorts = new ArrayList<>();
    private final Path dir;

    private KafkaCluster(int size) {
        this.dir = TempDirs.create("firebreak-kafka-cluster-");
        List<Integer> controllerPorts = new ArrayList<>();
        StringBuilder voters = new StringBuilder();
        for (int i = 1; i <= size; i++) {
            brokerPorts.add(FreePorts.find());
            controllerPorts.add(FreePorts.find());
            voters.append(i == 1 ? "" : ",").append(i).append("@127.0.0.1:").append(controllerPorts.get(i - 1));
        }
        String clusterId = Uuid.randomUuid().toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 1; i <= size; i++) {
            Path nodeDir = dir.resolve("node-" + i);
            nodeDir.toFile().mkdirs();
            nodes.add(new ChildProcess("kafka-node-" + i, List.of(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                    KafkaClusterNode.class.getName(), String.valueOf(i), String.valueOf(brokerPorts.get(i - 1)),
                    String.valueOf(controllerPorts.get(i - 1)), voters.toString(), clusterId, nodeDir.toString()),
                    nodeDir.resolve("output.log")));
        }
    }

    /** Starts {@code size} nodes and waits until every one serves as a broker. */
    public static KafkaCluster start(int size) {
        KafkaCluster cluster = new KafkaCluster(size);
        try {
            cluster.nodes.forEach(ChildProcess::start);
            cluster.awaitBrokers(size);
            LOG.info("event=kafka_cluster_started nodes={} bootstrap={}", size, cluster.bootstrapServers());
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Every node's broker address, e.g. {@code 127.0.0.1:39092,127.0.0.1:39094,...}. */
    public String bootstrapServers() {
        return String.join(",", brokerPorts.stream().map(p -> "127.0.0.1:" + p).toList());
    }

    /** Kills node {@code nodeId} (1-based) with SIGKILL, as a crash or a lost host would. */
    public void kill(int nodeId) {
        nodes.get(nodeId - 1).kill();
        LOG.info("event=kafka_node_killed node={}", nodeId);
    }

    private void awaitBrokers(int size) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "4000");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(p)) {
            while (true) {
                try {
                    if (admin.describeCluster().nodes().get(4, TimeUnit.SECONDS).size() == size) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the kafka cluster", e);
                } catch (Exception e) {
                    // not up yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("kafka cluster of " + size + " not serving within " + READY_TIMEOUT
                            + "; node 1 said: " + nodes.get(0).outputTail());
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the kafka cluster", e);
                }
            }
        }
    }

    @Override
    public void close() {
        nodes.forEach(n -> n.stop(5_000));
        TempDirs.deleteQuietly(dir);
    }
}
