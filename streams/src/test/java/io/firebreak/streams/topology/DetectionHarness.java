package io.firebreak.streams.topology;

import io.firebreak.streams.DetectionConfig;
import io.firebreak.streams.room.Signal;
import io.firebreak.streams.sensor.DeviceSilence;
import io.firebreak.telemetry.contract.DeadLetter;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** The detection topology of the shipped Pangyo site in a {@code TopologyTestDriver}, in replay time mode unless told otherwise. */
public final class DetectionHarness implements AutoCloseable {

    /**
     * Gives a mock task the store an extractor of {@code lane} keeps its devices' times in, and a wall clock at
     * {@code wall}, as Kafka Streams gives a real one.
     */
    public static void seenStore(MockProcessorContext<String, Signal> context, SignalExtractor.Input lane, long wall) {
        KeyValueStore<String, DeviceSilence.Seen> seen = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(lane.seenStore()),
                Serdes.String(), DeviceSilence.serde()).withLoggingDisabled().build();
        seen.init(context.getStateStoreContext(), seen);
        context.addStateStore(seen);
        context.setCurrentSystemTimeMs(wall);
    }

    public static final SiteInventory SITE = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, Reading> readings;
    private final TestInputTopic<String, Reading> priority;
    private final TestOutputTopic<String, Alert> alerts;
    private final TestOutputTopic<String, DrainDecision> decisions;
    private final TestInputTopic<String, OperatorAction> operator;
    private final TestInputTopic<byte[], byte[]> rawReadings;
    private final TestOutputTopic<String, DeadLetter> deadLetters;
    private final TestInputTopic<String, DeadLetter> deadLetterIn;

    public DetectionHarness(Path stateDir) {
        this(stateDir, TimeMode.REPLAY, Instant.now());
    }

    /** In {@code mode}, with the driver's wall clock starting at {@code wallClock}. */
    public DetectionHarness(Path stateDir, TimeMode mode, Instant wallClock) {
        this(DetectionConfig.of(KafkaSettings.local("unused:9092"), SITE, mode, stateDir), wallClock);
    }

    /** The topology of {@code inventory} in replay time mode. */
    public DetectionHarness(Path stateDir, SiteInventory inventory) {
        this(DetectionConfig.of(KafkaSettings.local("unused:9092"), inventory, TimeMode.REPLAY, stateDir), Instant.now());
    }

    private DetectionHarness(DetectionConfig config, Instant wallClock) {
        Properties props = config.streamsProperties();
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(DetectionTopology.build(config), props, wallClock);
        readings = driver.createInputTopic(Topics.READINGS.name(), Topics.READINGS.keySerde().serializer(), Topics.READINGS.valueSerde().serializer());
        priority = driver.createInputTopic(Topics.PRIORITY.name(), Topics.PRIORITY.keySerde().serializer(), Topics.PRIORITY.valueSerde().serializer());
        alerts = driver.createOutputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer());
        decisions = driver.createOutputTopic(Topics.DECISIONS.name(), Topics.DECISIONS.keySerde().deserializer(), Topics.DECISIONS.valueSerde().deserializer());
        operator = driver.createInputTopic(Topics.OPERATOR.name(), Topics.OPERATOR.keySerde().serializer(), Topics.OPERATOR.valueSerde().serializer());
        rawReadings = driver.createInputTopic(Topics.READINGS.name(), new ByteArraySerializer(), new ByteArraySerializer());
        deadLetterIn = driver.createInputTopic(Topics.DEAD_LETTERS.name(), Topics.DEAD_LETTERS.keySerde().serializer(),
                Topics.DEAD_LETTERS.valueSerde().serializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), Topics.DEAD_LETTERS.keySerde().deserializer(),
                Topics.DEAD_LETTERS.valueSerde().deserializer());
    }

    /** An operator's release of drain {@code subject} of room {@code room}, as {@code firebreak release} records it. */
    public void release(String room, String subject) {
        operator.pipeInput(Readings.SITE + "/" + room, new OperatorAction("op_" + subject, OperatorAction.RELEASE, subject, Readings.SITE,
                room, "on-shift", "", System.currentTimeMillis()));
    }

    /** Bytes on the readings topic that no reading serde can read. */
    public void sendRaw(String key, byte[] value) {
        rawReadings.pipeInput(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value);
    }

    /** A dead letter as ingest writes it, keyed by its MQTT topic. */
    public void deadLetter(String mqttTopic, DeadLetter letter) {
        deadLetterIn.pipeInput(mqttTopic, letter);
    }

    public List<DeadLetter> deadLetters() {
        return deadLetters.readValuesToList();
    }

    public void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    public void send(Reading reading) {
        // as ingest's lanes write it: every reading on the readings topic, and the alarm lane's on the priority topic too
        for (String topic : DetectionTopology.topicsOf(reading)) {
            (topic.equals(Topics.PRIORITY.name()) ? priority : readings).pipeInput(reading.source().partitionKey(), reading);
        }
    }

    public TestOutputTopic<String, Alert> alertTopic() {
        return alerts;
    }

    public TestOutputTopic<String, DrainDecision> decisionTopic() {
        return decisions;
    }

    public List<Alert> alerts() {
        return alerts.readValuesToList();
    }

    public List<DrainDecision> decisions() {
        return decisions.readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
