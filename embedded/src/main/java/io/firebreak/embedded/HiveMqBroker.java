package io.firebreak.embedded;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HiveMQ Community Edition running inside this JVM: an MQTT 3/5 broker on a free loopback port,
 * in-memory persistence, anonymous access, no extensions, config and data folders in a temp dir
 * deleted on {@link #close()}.
 *
 * <p>Why: the zero-install demo needs an MQTT broker without asking the user to install
 * Mosquitto. HiveMQ supports what the pipeline relies on out of the box: QoS 1, retained messages
 * and shared subscriptions ({@code $share/group/topic}). HiveMQ's own logging bootstrap is
 * switched off, so it logs through whatever SLF4J backend the application configured and never
 * takes over the console.
 */
public final class HiveMqBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HiveMqBroker.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private final EmbeddedHiveMQ hivemq;
    private boolean closed;

    private HiveMqBroker(Path dir, int port, EmbeddedHiveMQ hivemq) {
        this.dir = dir;
        this.port = port;
        this.hivemq = hivemq;
    }

    /** Starts HiveMQ CE on a free port of {@code 127.0.0.1} and waits until it accepts connections. */
    public static HiveMqBroker start() {
        long t0 = System.nanoTime();
        Path dir = TempDirs.create("firebreak-hivemq-");
        int port = FreePorts.find();
        EmbeddedHiveMQ hivemq;
        try {
            Path conf = Files.createDirectories(dir.resolve("conf"));
            Files.writeString(conf.resolve("config.xml"), config(port));
            hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(Files.createDirectories(dir.resolve("data")))
                    .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
                    .withoutLoggingBootstrap()
                    .build();
        } catch (IOException e) {
            TempDirs.deleteQuietly(dir);
            throw new UncheckedIOException("cannot prepare HiveMQ folders dir=" + dir, e);
        }
        HiveMqBroker broker = new HiveMqBroker(dir, port, hivemq);
        try {
            hivemq.start().get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!FreePorts.awaitListening(port, Duration.ofSeconds(10))) {
                throw new IllegalStateException("HiveMQ started but does not listen on 127.0.0.1:" + port);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broker.close();
            throw new IllegalStateException("interrupted while starting HiveMQ", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            broker.close();
            throw new IllegalStateException("HiveMQ did not start on 127.0.0.1:" + port, e);
        }
        LOG.info("event=hivemq_started uri={} dir={} startupMs={}",
                broker.serverUri(), dir, (System.nanoTime() - t0) / 1_000_000);
        return broker;
    }

    static String config(int port) {
        return String.join("\n",
                "<?xml version=\"1.0\"?>",
                "<hivemq>",
                "  <listeners>",
                "    <tcp-listener>",
                "      <port>" + port + "</port>",
                "      <bind-address>127.0.0.1</bind-address>",
                "    </tcp-listener>",
                "  </listeners>",
                "  <mqtt>",
                "    <queued-messages>",
                "      <max-queue-size>100000</max-queue-size>",
                "    </queued-messages>",
                "  </mqtt>",
                "  <persistence>",
                "    <mode>in-memory</mode>",
                "  </persistence>",
                "  <anonymous-usage-statistics>",
                "    <enabled>false</enabled>",
                "  </anonymous-usage-statistics>",
                "</hivemq>",
                "");
    }

    /** The MQTT URI clients connect to, e.g. {@code tcp://127.0.0.1:41883}. */
    public String serverUri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The TCP port of the MQTT listener. */
    public int port() {
        return port;
    }

    /** Stops HiveMQ and deletes its temp dir. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
            LOG.debug("event=hivemq_stop_done uri={} stopMs={}", serverUri(), (System.nanoTime() - t0) / 1_000_000);
            hivemq.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("event=hivemq_stop_failed uri={} error={}", serverUri(), e.toString());
        } finally {
            TempDirs.deleteQuietly(dir);
        }
        LOG.info("event=hivemq_closed uri={} stopMs={}", serverUri(), (System.nanoTime() - t0) / 1_000_000);
    }
}
