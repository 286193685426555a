package io.firebreak.app.evaluate;

import io.firebreak.app.ConfigLoader;
import io.firebreak.app.FirebreakConfig;
import io.firebreak.app.Pipeline;
import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.simulators.MqttPublisher;
import io.firebreak.simulators.ScenarioRun;
import io.firebreak.streams.DetectionConfig;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.kafka.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Plays a scenario run through the real brokers, as a user replaying a recording would: a fresh KRaft
 * broker (6 partitions), the given Mosquitto, and {@code firebreak up}'s ingest and detection in replay
 * time mode, with {@code detectInstances} detection instances sharing the work. The run is published over
 * MQTT as fast as possible; once detection has consumed everything and its outputs have been quiet for a
 * while, the alerts and drain decisions are read back (read_committed) from Kafka.
 */
final class BrokerReplay {

    /**
     * Quiet time after detection has caught up, by default longer than a room's wait in replay for a
     * partition that has stopped (30 s): a room whose own partitions stopped with the recording (a room
     * gone dark) acts on its last events only then.
     */
    static final Duration FULL_QUIET = Duration.ofSeconds(35);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    private final String mqttUri;
    private final Path inventoryFile;
    private final Path workDir;
    private final int detectInstances;
    private final Duration quiet;

    BrokerReplay(String mqttUri, Path inventoryFile, Path workDir, int detectInstances) {
        this(mqttUri, inventoryFile, workDir, detectInstances, FULL_QUIET);
    }

    /** With a shorter {@code quiet}, what rooms hold for stopped partitions at the end of the run is left out. */
    BrokerReplay(String mqttUri, Path inventoryFile, Path workDir, int detectInstances, Duration quiet) {
        if (detectInstances < 1) {
            throw new IllegalArgumentException("detect instances: must be >= 1, was " + detectInstances);
        }
        this.mqttUri = mqttUri;
        this.inventoryFile = inventoryFile.toAbsolutePath();
        this.workDir = workDir;
        this.detectInstances = detectInstances;
        this.quiet = quiet;
    }

    /** Replays {@code run} through a fresh Kafka and pipeline; what detection decided. */
    ReplayDriver.Outcome replay(ScenarioRun run) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(workDir, "brokers");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (KafkaKraftBroker kafka = KafkaKraftBroker.start(dir.resolve("kafka"))) {
            List<Pipeline> pipelines = new ArrayList<>();
            try {
                FirebreakConfig first = null;
                for (int i = 0; i < detectInstances; i++) {
                    FirebreakConfig config = new ConfigLoader().load(config(dir, kafka.bootstrapServers(), tag, i));
                    first = first == null ? config : first;
                    // ingest once (a shared subscription would split it anyway); detection as many times as asked
                    pipelines.add(Pipeline.start(config, i == 0 ? EnumSet.of(Pipeline.Service.INGEST, Pipeline.Service.DETECT)
                            : EnumSet.of(Pipeline.Service.DETECT)));
                }
                for (Pipeline pipeline : pipelines) {
                    if (!pipeline.awaitReady(Duration.ofSeconds(90))) {
                        throw new IllegalStateException("evaluate --through-brokers: the pipeline did not start: " + pipeline.problems());
                    }
                }
                // counted as the broker acknowledges them: iterating the run again would simulate it twice
                AtomicLong messages = new AtomicLong();
                try (MqttPublisher publisher = new MqttPublisher(mqttUri, "eval-sim-" + tag, first.inventory(), first.layout())) {
                    publisher.play(run, 0, (message, wall) -> messages.incrementAndGet());
                } catch (MqttException e) {
                    throw new IOException("evaluate --through-brokers: publishing to " + mqttUri + " failed: " + e.getMessage(), e);
                }
                return collect(kafka.bootstrapServers(), first.detect(), messages.get(), quiet);
            } finally {
                for (Pipeline pipeline : pipelines) {
                    pipeline.close();
                }
            }
        }
    }

    /**
     * Each run's ingest has a client id and a shared-subscription group of its own: an earlier run's
     * persistent session would otherwise stay a member of the group and take its share of the messages.
     */
    private Path config(Path dir, String bootstrap, String tag, int instance) throws IOException {
        return Files.writeString(dir.resolve("firebreak-" + instance + ".yaml"), """
                inventory: "%s"
                time_mode: replay
                mqtt: {server_uri: "%s", client_id: "eval-ingest-%s", shared_group: "eval-%s"}
                kafka: {bootstrap_servers: "%s", partitions: 6}
                detect: {state_dir: "%s"}
                """.formatted(inventoryFile, mqttUri, tag, tag, bootstrap, dir.resolve("streams-" + instance)));
    }

    /** Waits until detection has consumed all it was given and its outputs are quiet; then reads them. */
    private static ReplayDriver.Outcome collect(String bootstrap, DetectionConfig detect, long published, Duration quiet)
            throws InterruptedException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Alert> alerts = new ArrayList<>();
        List<DrainDecision> decisions = new ArrayList<>();
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(props);
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> outputs = new ArrayList<>();
            for (String topic : List.of(Topics.ALERTS.name(), Topics.DECISIONS.name())) {
                consumer.partitionsFor(topic).forEach(p -> outputs.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(outputs);
            consumer.seekToBeginning(outputs);
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline) {
                int got = 0;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    got++;
                    if (record.topic().equals(Topics.ALERTS.name())) {
                        alerts.add(Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value()));
                    } else {
                        decisions.add(Topics.DECISIONS.valueSerde().deserializer().deserialize(record.topic(), record.value()));
                    }
                }
                if (got > 0 || !caughtUp(admin, detect.applicationId(), Topics.READINGS.name())
                        || !caughtUp(admin, detect.roomsApplicationId(), Topics.SIGNALS.name())) {
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > quiet.toNanos()) {
                    return new ReplayDriver.Outcome(alerts, decisions, published, 0);
                }
            }
        }
        throw new IllegalStateException("evaluate --through-brokers: detection did not catch up within " + RUN_TIMEOUT);
    }

    /**
     * True when detection's group {@code applicationId} has committed offsets on {@code mainTopic} and they are at
     * the end of every partition it reads (a transaction marker aside).
     */
    private static boolean caughtUp(Admin admin, String applicationId, String mainTopic) throws InterruptedException {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            boolean readings = committed.keySet().stream().anyMatch(tp -> tp.topic().equals(mainTopic));
            return readings && committed.entrySet().stream().allMatch(e -> e.getValue() == null
                    || ends.get(e.getKey()).offset() - e.getValue().offset() <= 1);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }
}
