package io.firebreak.app.evaluate;

import io.firebreak.simulators.ScenarioRun;
import io.firebreak.simulators.SimMessage;
import io.firebreak.streams.DetectionConfig;
import io.firebreak.streams.topology.DetectionTopology;
import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.ParseOutcome;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.kafka.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Plays a scenario run through the contract parser and the real detection topology (in
 * {@code TopologyTestDriver}, replay time mode) and collects what it decided.
 */
final class ReplayDriver {

    record Outcome(List<Alert> alerts, List<DrainDecision> decisions, long readings, long rejected) {
    }

    private static final Set<String> COLLECTED = Set.of(Topics.ALERTS.name(), Topics.DECISIONS.name());

    private final DetectionConfig config;
    private final ContractParser parser;

    ReplayDriver(DetectionConfig config, ContractParser parser) {
        this.config = config;
        this.parser = parser;
    }

    Outcome replay(ScenarioRun run) {
        Properties props = config.streamsProperties();
        // the driver is single-threaded and transactional semantics do not change what is decided
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        try (TopologyTestDriver driver = new TopologyTestDriver(DetectionTopology.build(config), props)) {
            TestInputTopic<String, Reading> in = driver.createInputTopic(Topics.READINGS.name(),
                    Topics.READINGS.keySerde().serializer(), Topics.READINGS.valueSerde().serializer());
            TestInputTopic<String, Reading> inPriority = driver.createInputTopic(Topics.PRIORITY.name(),
                    Topics.PRIORITY.keySerde().serializer(), Topics.PRIORITY.valueSerde().serializer());
            TestOutputTopic<String, Alert> alertsOut = driver.createOutputTopic(Topics.ALERTS.name(),
                    Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer());
            TestOutputTopic<String, DrainDecision> decisionsOut = driver.createOutputTopic(Topics.DECISIONS.name(),
                    Topics.DECISIONS.keySerde().deserializer(), Topics.DECISIONS.valueSerde().deserializer());
            // the driver keeps every record written to every topic, changelogs included, until read:
            // hours of readings would fill the heap, so whatever is not collected is drained as the run goes
            Map<String, TestOutputTopic<byte[], byte[]>> drained = new HashMap<>();
            // a message's partition key follows from its topic alone
            Map<String, String> keys = new HashMap<>();
            List<Alert> alerts = new ArrayList<>();
            List<DrainDecision> decisions = new ArrayList<>();
            long readings = 0;
            long rejected = 0;
            for (List<SimMessage> batch : run) {
                for (SimMessage message : batch) {
                    ParseOutcome outcome = parser.parse(message.topic(), message.payload(), message.ts());
                    if (outcome.reading().isPresent()) {
                        Reading reading = outcome.reading().get();
                        String key = keys.computeIfAbsent(message.topic(), t -> reading.source().partitionKey());
                        // as ingest's lanes write it: every reading on the readings topic, the alarm lane's on the priority topic too
                        for (String topic : DetectionTopology.topicsOf(reading)) {
                            (topic.equals(Topics.PRIORITY.name()) ? inPriority : in).pipeInput(key, reading);
                        }
                        readings++;
                    } else {
                        rejected++;
                    }
                }
                for (String name : driver.producedTopicNames()) {
                    if (!COLLECTED.contains(name)) {
                        drained.computeIfAbsent(name, n -> driver.createOutputTopic(n, new ByteArrayDeserializer(),
                                new ByteArrayDeserializer())).readRecordsToList();
                    }
                }
                alerts.addAll(alertsOut.readValuesToList());
                decisions.addAll(decisionsOut.readValuesToList());
            }
            return new Outcome(alerts, decisions, readings, rejected);
        }
    }
}
