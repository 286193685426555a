package io.firebreak.app;

import io.firebreak.alerting.AlertingConfig;
import io.firebreak.embedded.HiveMqBroker;
import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.ingest.DeviceAdmission;
import io.firebreak.ingest.IngestConfig;
import io.firebreak.simulators.GroundTruth;
import io.firebreak.simulators.MqttPublisher;
import io.firebreak.simulators.ScenarioRun;
import io.firebreak.simulators.Scenarios;
import io.firebreak.streams.DetectionConfig;
import io.firebreak.telemetry.auth.Operator;
import io.firebreak.telemetry.auth.OperatorAccess;
import io.firebreak.telemetry.auth.OperatorCredentials;
import io.firebreak.telemetry.auth.OperatorRole;
import io.firebreak.telemetry.auth.TokenHash;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code firebreak demo}: the Pangyo fire, end to end, in one JVM. Starts a real Kafka broker (KRaft)
 * and HiveMQ CE embedded, a loopback receiver standing in for the traffic systems and the pager, and
 * ingest, detection and alerting; replays pangyo-2022 accelerated over MQTT and prints the timeline.
 * Succeeds only when the drain reached the traffic systems before the power was lost.
 *
 * <p>Alerting's operator endpoint runs on a free loopback port with one operator, {@code demo}, whose token is
 * generated and printed once with the console's URL; {@link #keep(Duration)} keeps everything up that long after
 * the timeline, for a person to look around the console.
 */
public final class Demo {

    private final double speed;
    private final long seed;
    private final PrintStream out;
    private final String token = TokenHash.newToken();
    private Duration keep = Duration.ZERO;

    public Demo(double speed, long seed, PrintStream out) {
        if (!(speed > 0 && speed <= 1000)) {
            throw new IllegalArgumentException("--speed: must be in (0, 1000], was " + speed);
        }
        this.speed = speed;
        this.seed = seed;
        this.out = out;
    }

    /** Keeps the pipeline and the console up for {@code duration} after the timeline (zero: exit at once). */
    public Demo keep(Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("--keep: must be zero or a positive duration, was " + duration);
        }
        this.keep = duration;
        return this;
    }

    /** Runs the demo; true when the drain beat the power loss. */
    public boolean run() throws Exception {
        Path work = Files.createTempDirectory("firebreak-demo");
        out.printf("Firebreak demo: pangyo-2022 replayed at %sx on embedded brokers (starting Kafka and MQTT...)%n", fmt(speed));
        try (KafkaKraftBroker kafka = KafkaKraftBroker.start(work.resolve("kafka"));
             HiveMqBroker mqtt = HiveMqBroker.start()) {
            SiteInventory example = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");
            try (WebhookReceiver receiver = new WebhookReceiver(example.drainTargets())) {
                SiteInventory site = example.withEndpointsAt(receiver.baseUri());
                out.printf("  Kafka %s (KRaft)   MQTT %s   traffic systems + pager %s%n",
                        kafka.bootstrapServers(), mqtt.serverUri(), receiver.baseUri());
                return play(config(site, kafka.bootstrapServers(), mqtt.serverUri(), work), mqtt.serverUri(), receiver);
            }
        } finally {
            deleteQuietly(work);
        }
    }

    private boolean play(FirebreakConfig config, String mqttUri, WebhookReceiver receiver) throws Exception {
        try (Pipeline pipeline = Pipeline.start(config, EnumSet.of(Pipeline.Service.DETECT, Pipeline.Service.ALERT, Pipeline.Service.INGEST));
             TopicWatcher watcher = new TopicWatcher(config.kafka())) {
            if (!pipeline.awaitReady(Duration.ofSeconds(60))) {
                out.println("FAIL: detection did not start within 60 s");
                return false;
            }
            out.printf("  console http://127.0.0.1:%d/console   operator demo, token (shown once): %s%n",
                    config.alerting().operatorPort(), token);
            ScenarioRun run = new ScenarioRun(config.inventory(), Scenarios.byName("pangyo-2022").orElseThrow(),
                    config.layout(), System.currentTimeMillis(), seed);
            GroundTruth truth = run.groundTruth();
            AtomicLong wallStart = new AtomicLong();
            AtomicLong powerLossPublished = new AtomicLong();
            out.printf("  replaying %d s of event time in about %d s...%n%n", run.scenario().durationMs() / 1000,
                    (long) (run.scenario().durationMs() / speed / 1000));
            try (MqttPublisher publisher = new MqttPublisher(mqttUri, "firebreak-demo-sim", config.inventory(), config.layout())) {
                publisher.play(run, speed, (message, wall) -> {
                    wallStart.compareAndSet(0, wall);
                    if (message.ts() >= truth.powerLoss()) {
                        powerLossPublished.compareAndSet(0, wall);
                    }
                });
            }
            awaitDeliveries(receiver, watcher);
            Timeline timeline = new Timeline(truth, run.start(), wallStart.get(), speed, config.inventory());
            boolean passed = timeline.print(out, watcher.alerts(), watcher.decisions(), receiver.deliveries(), receiver.pages(),
                    powerLossPublished.get());
            if (!keep.isZero()) {
                out.printf("%nkeeping the pipeline and the console up for %s: http://127.0.0.1:%d/console (Ctrl-C ends it)%n",
                        keep.toString().substring(2).toLowerCase(java.util.Locale.ROOT), config.alerting().operatorPort());
                Thread.sleep(keep.toMillis());
            }
            return passed;
        }
    }

    private static void awaitDeliveries(WebhookReceiver receiver, TopicWatcher watcher) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline
                && (receiver.deliveries().isEmpty() || watcher.decisions().isEmpty())) {
            Thread.sleep(100);
        }
    }

    private FirebreakConfig config(SiteInventory site, String bootstrap, String mqttUri, Path work) {
        TopicLayout layout = TopicLayout.defaults();
        KafkaSettings kafka = KafkaSettings.local(bootstrap);
        IngestConfig ingest = new IngestConfig(mqttUri, "firebreak-demo-ingest", "firebreak-ingest", layout, null, null,
                kafka, TimeMode.REPLAY, Duration.ofMinutes(2), 1000, Duration.ofMinutes(10)).withAdmission(DeviceAdmission.of(site));
        DetectionConfig detect = DetectionConfig.of(kafka, site, TimeMode.REPLAY, work.resolve("streams"));
        int operatorPort = freePort();
        // the demo's pages and webhooks link to the console it prints
        AlertingConfig alerting = new AlertingConfig(kafka, "firebreak-alerting", site, Duration.ofSeconds(2), 5,
                Duration.ofSeconds(2), false).withOperatorApi("127.0.0.1", operatorPort).withOperatorAccess(demoOperator())
                .withConsoleUrl(java.net.URI.create("http://127.0.0.1:" + operatorPort + "/console"));
        return new FirebreakConfig(site, layout, kafka, ingest, detect, alerting, null);
    }

    /** One operator, {@code demo}, with every role; only the SHA-256 of its token is configured. */
    private OperatorAccess demoOperator() {
        Operator demo = new Operator("demo", TokenHash.of(token), EnumSet.allOf(OperatorRole.class));
        return OperatorAccess.of(new OperatorCredentials(List.of(demo), Map.of()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("demo: no free loopback port for the operator endpoint", e);
        }
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
