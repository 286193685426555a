package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.simulators.GroundTruth;
import io.firebreak.simulators.ScenarioRun;
import io.firebreak.simulators.Scenarios;
import io.firebreak.simulators.SimMessage;
import io.firebreak.streams.DetectionConfig;
import io.firebreak.streams.topology.DetectionTopology;
import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's scenarios through the parser and the real topology, on event time. */
class PangyoReplayTest {

    private static final SiteInventory SITE = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");
    private static final ContractParser PARSER = new ContractParser(TopicLayout.defaults());

    @TempDir
    Path stateDir;

    private List<DrainDecision> replay(ScenarioRun run) {
        return replay(run, TimeMode.REPLAY, stateDir.resolve("replay"));
    }

    private List<DrainDecision> replay(ScenarioRun run, TimeMode mode, Path state) {
        DetectionConfig config = DetectionConfig.of(KafkaSettings.local("unused:9092"), SITE, mode, state);
        Properties props = config.streamsProperties();
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        try (TopologyTestDriver driver = new TopologyTestDriver(DetectionTopology.build(config), props)) {
            TestInputTopic<String, Reading> in = driver.createInputTopic(Topics.READINGS.name(),
                    Topics.READINGS.keySerde().serializer(), Topics.READINGS.valueSerde().serializer());
            TestInputTopic<String, Reading> inPriority = driver.createInputTopic(Topics.PRIORITY.name(),
                    Topics.PRIORITY.keySerde().serializer(), Topics.PRIORITY.valueSerde().serializer());
            for (List<SimMessage> batch : run) {
                for (SimMessage message : batch) {
                    Reading reading = PARSER.parse(message.topic(), message.payload(), message.ts()).reading().orElseThrow();
                    for (String topic : DetectionTopology.topicsOf(reading)) {
                        (topic.equals(Topics.PRIORITY.name()) ? inPriority : in).pipeInput(reading.source().partitionKey(), reading);
                    }
                }
            }
            return driver.createOutputTopic(Topics.DECISIONS.name(), Topics.DECISIONS.keySerde().deserializer(),
                    Topics.DECISIONS.valueSerde().deserializer()).readValuesToList();
        }
    }

    @Test
    void shouldDrainTheBurningRoomsHallsBeforeThePowerLossForEverySeed() {
        for (long seed = 1; seed <= 2; seed++) {
            ScenarioRun run = new ScenarioRun(SITE, Scenarios.byName("pangyo-2022").orElseThrow(), TopicLayout.defaults(), 1_665_814_685_000L, seed);
            GroundTruth truth = run.groundTruth();

            List<DrainDecision> decisions = replay(run);

            assertThat(decisions).as("seed %d", seed).hasSize(1);
            DrainDecision drain = decisions.get(0);
            assertThat(drain.room()).isEqualTo(truth.room());
            assertThat(drain.scope()).containsExactly("hall-1", "hall-2");
            assertThat(drain.detectedAt()).isBetween(truth.ignition(), truth.powerLoss() - 60_000);
        }
    }

    @Test
    void shouldDecideTheSameInLiveAndReplayTimeModesForTheSameRecording() {
        ScenarioRun run = new ScenarioRun(SITE, Scenarios.byName("pangyo-2022").orElseThrow(), TopicLayout.defaults(), 1_665_814_685_000L, 9);

        List<DrainDecision> live = replay(run, TimeMode.LIVE, stateDir.resolve("live"));
        List<DrainDecision> replayed = replay(run, TimeMode.REPLAY, stateDir.resolve("replay"));

        assertThat(live).isNotEmpty().isEqualTo(replayed);
    }

    @Test
    void shouldNotDrainAHealthySiteOverTenMinutes() {
        ScenarioRun run = new ScenarioRun(SITE, new TenMinutes(), TopicLayout.defaults(), 1_665_814_685_000L, 11);

        assertThat(replay(run)).isEmpty();
    }

    /** The healthy scenario cut to ten minutes to keep the unit test quick. */
    private static final class TenMinutes implements io.firebreak.simulators.Scenario {
        private final io.firebreak.simulators.Scenario healthy = Scenarios.byName("healthy").orElseThrow();

        public String name() {
            return healthy.name();
        }

        public String summary() {
            return healthy.summary();
        }

        public long durationMs() {
            return 600_000;
        }

        public GroundTruth groundTruth(SiteInventory site, long start) {
            return healthy.groundTruth(site, start);
        }

        public void apply(io.firebreak.simulators.SiteSimulator simulator, long elapsedMs) {
            healthy.apply(simulator, elapsedMs);
        }
    }
}
