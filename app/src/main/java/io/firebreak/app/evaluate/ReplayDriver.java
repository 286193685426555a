package io.firebreak.app.evaluate;

import io.firebreak.simulators.ScenarioRun;
import io.firebreak.simulators.SimMessage;
import io.firebreak.streams.DetectionConfig;
import io.firebreak.streams.DetectionTopology;
import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.ParseOutcome;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.kafka.Topics;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Plays a scenario run through the contract parser and the real detection topology (in
 * {@code TopologyTestDriver}, replay time mode) and collects what it decided.
 */
final class ReplayDriver {

    record Outcome(List<Alert> alerts, List<DrainDecision> decisions, long readings, long rejected) {
    }

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
            long readings = 0;
            long rejected = 0;
            for (List<SimMessage> batch : run) {
                for (SimMessage message : batch) {
                    ParseOutcome outcome = parser.parse(message.topic(), message.payload(), message.ts());
                    if (outcome.reading().isPresent()) {
                        Reading reading = outcome.reading().get();
                        in.pipeInput(reading.source().partitionKey(), reading);
                        readings++;
                    } else {
                        rejected++;
                    }
                }
            }
            List<Alert> alerts = driver.createOutputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().deserializer(),
                    Topics.ALERTS.valueSerde().deserializer()).readValuesToList();
            List<DrainDecision> decisions = driver.createOutputTopic(Topics.DECISIONS.name(),
                    Topics.DECISIONS.keySerde().deserializer(), Topics.DECISIONS.valueSerde().deserializer()).readValuesToList();
            return new Outcome(alerts, decisions, readings, rejected);
        }
    }
}
