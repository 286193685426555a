package io.firebreak.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller, node id 1)
 * running inside this JVM, built from the Kafka server artifact itself ({@link KafkaRaftServer}).
 *
 * <p>Why: the zero-install demo and the integration tests need a genuine broker (transactions,
 * idempotence, consumer groups, exactly-once Kafka Streams) without Docker or a separate install.
 * Everything is tuned for one node: replication factors 1 for all internal topics, no initial
 * rebalance delay, topics auto-created with 3 partitions. {@link #stop()} and {@link #restart()}
 * keep ports and log dir, so tests can simulate a broker outage.
 */
public final class KafkaKraftBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaKraftBroker.class);
    private static final int NODE_ID = 1;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path logDir;
    private final boolean deleteOnClose;
    private final int brokerPort;
    private final int controllerPort;
    private final KafkaConfig config;
    private KafkaRaftServer server;
    private boolean closed;

    private KafkaKraftBroker(Path logDir, boolean deleteOnClose) {
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
        this.brokerPort = FreePorts.find();
        this.controllerPort = FreePorts.find();
        this.config = new KafkaConfig(serverProperties(), false);
    }

    /** Starts a broker whose log dir is a temp dir deleted on {@link #close()}. */
    public static KafkaKraftBroker start() {
        return launch(new KafkaKraftBroker(TempDirs.create("firebreak-kafka-"), true));
    }

    /**
     * Starts a broker on the given log dir, formatting it if it is empty; the dir is kept on close.
     *
     * @param logDir the directory for partition logs and the KRaft metadata log
     */
    public static KafkaKraftBroker start(Path logDir) {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create kafka log dir " + logDir, e);
        }
        return launch(new KafkaKraftBroker(logDir, false));
    }

    private static KafkaKraftBroker launch(KafkaKraftBroker broker) {
        try {
            broker.formatIfNeeded();
            broker.startServer();
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    private Properties serverProperties() {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", logDir.resolve("data").toString()),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("num.partitions", "3"),
                Map.entry("default.replication.factor", "1"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.num.partitions", "3"),
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        return p;
    }

    private void formatIfNeeded() {
        Path dataDir = logDir.resolve("data");
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            LOG.info("event=kafka_storage_reused dir={}", dataDir);
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(dataDir.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format kafka storage dir=" + dataDir + ": " + out, e);
        }
        LOG.info("event=kafka_storage_formatted dir={} releaseVersion={}", dataDir, MetadataVersion.LATEST_PRODUCTION);
    }

    private void startServer() {
        long t0 = System.nanoTime();
        KafkaRaftServer s = new KafkaRaftServer(config, Time.SYSTEM);
        server = s;
        s.startup();
        awaitServing();
        LOG.info("event=kafka_started bootstrap={} controllerPort={} logDir={} startupMs={}",
                bootstrapServers(), controllerPort, logDir, (System.nanoTime() - t0) / 1_000_000);
    }

    private void awaitServing() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "4000");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(p)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(4, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for kafka", e);
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("kafka not serving at " + bootstrapServers()
                                + " within " + READY_TIMEOUT, e);
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for kafka", e);
                }
            }
        }
    }

    /** The bootstrap servers string for clients, e.g. {@code 127.0.0.1:39092}; stable across restarts. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** The log dir holding partition logs and the metadata log. */
    public Path logDir() {
        return logDir;
    }

    /** Whether the broker is currently running (started and not stopped). */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Shuts the broker down, keeping ports, cluster id and log dir for {@link #restart()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long t0 = System.nanoTime();
        KafkaRaftServer s = server;
        server = null;
        s.shutdown();
        s.awaitShutdown();
        LOG.info("event=kafka_stopped bootstrap={} stopMs={}", bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** Starts the broker again on the same ports and log dir (stopping it first if it is running). */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("kafka broker is closed");
        }
        stop();
        startServer();
    }

    /** Shuts the broker down and, for {@link #start()}, deletes its temp log dir. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.warn("event=kafka_stop_failed bootstrap={} error={}", bootstrapServers(), e.toString());
        }
        if (deleteOnClose) {
            TempDirs.deleteQuietly(logDir);
        }
        LOG.info("event=kafka_closed bootstrap={}", bootstrapServers());
    }
}
