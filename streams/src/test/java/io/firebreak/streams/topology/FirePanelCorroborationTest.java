package io.firebreak.streams.topology;

import static io.firebreak.streams.topology.Readings.B3;
import static io.firebreak.streams.topology.Readings.T0;
import static io.firebreak.streams.topology.Readings.env;
import static io.firebreak.streams.topology.Readings.fire;
import static io.firebreak.streams.topology.Readings.gas;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.decision.Evidence;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A listed fire panel's alarm drains on its own, named, and marked uncorroborated when nothing else in the room agreed (issue 15). */
class FirePanelCorroborationTest {

    @TempDir
    Path stateDir;
    private DetectionHarness detection;

    @BeforeEach
    void open() {
        detection = new DetectionHarness(stateDir);
    }

    @AfterEach
    void close() {
        detection.close();
    }

    @Test
    void shouldDrainButMarkUncorroboratedWhenAPanelAlarmsAloneInItsRoom() {
        detection.send(env(B3, "asd-b3-1", T0 - 10_000, 0.003, 0.0));
        detection.send(fire(B3, T0, FireEventType.ALARM));

        assertThat(detection.decisions()).singleElement().satisfies(d -> {
            assertThat(d.uncorroborated()).isTrue();
            assertThat(d.reason()).isEqualTo("room B3-battery critical: fire panel fp-b3 alarm, uncorroborated: nothing else in the room "
                    + "in the last minute");
            assertThat(d.evidence()).extracting(Evidence::where).containsExactly("fp-b3/B3-UPS");
        });
        assertThat(detection.alerts()).filteredOn(a -> a.level() == io.firebreak.telemetry.decision.RiskLevel.CRITICAL).singleElement()
                .satisfies(a -> assertThat(a.summary()).as("what the page says").contains("fp-b3 alarm, uncorroborated"));
    }

    @Test
    void shouldCountAsCorroboratedWhenSmokeRoseInTheMinuteBefore() {
        detection.send(env(B3, "asd-b3-1", T0 - 40_000, 0.05, 0.0));
        detection.send(fire(B3, T0, FireEventType.ALARM));

        assertThat(detection.decisions()).singleElement().satisfies(d -> {
            assertThat(d.uncorroborated()).isFalse();
            assertThat(d.reason()).doesNotContain("uncorroborated").contains("fp-b3");
        });
    }

    @Test
    void shouldCountAsCorroboratedWhenGasRoseInTheMinuteBefore() {
        detection.send(gas(B3, "asd-b3-1", T0 - 20_000, 25, 1.0, 0.0));
        detection.send(fire(B3, T0, FireEventType.ALARM));

        assertThat(detection.decisions()).singleElement().satisfies(d -> assertThat(d.uncorroborated()).isFalse());
    }

    @Test
    void shouldStayUncorroboratedWhenTheOnlyEarlierSignIsOlderThanAMinute() {
        detection.send(env(B3, "asd-b3-1", T0 - 90_000, 0.05, 0.0));
        for (long t = T0 - 80_000; t < T0; t += 10_000) {
            detection.send(env(B3, "asd-b3-1", t, 0.003, 0.0));
        }
        detection.send(fire(B3, T0, FireEventType.ALARM));

        assertThat(detection.decisions()).singleElement().satisfies(d -> assertThat(d.uncorroborated()).isTrue());
    }
}
