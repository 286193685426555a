package io.firebreak.streams.topology;

import static io.firebreak.streams.topology.Readings.B3;
import static io.firebreak.streams.topology.Readings.T0;
import static io.firebreak.streams.topology.Readings.bms;
import static io.firebreak.streams.topology.Readings.gas;
import static io.firebreak.streams.topology.Readings.healthyVolts;
import static io.firebreak.streams.topology.Readings.probes;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Off-gas that is a vent, two species together, co-located sub-threshold evidence, and warnings that keep worsening. */
class EvidenceAddsUpTest {

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
    void shouldDrainOnTwoGasSpeciesTogetherWithoutWaitingForAProbe() {
        detection.send(gas(B3, "asd-b3-1", T0, 0.2, 1.0, 0.0));
        detection.send(gas(B3, "asd-b3-1", T0 + 10_000, 35, 1.0, 12));

        List<DrainDecision> drains = detection.decisions();
        assertThat(drains).singleElement().satisfies(d -> {
            assertThat(d.detectedAt()).isEqualTo(T0 + 10_000);
            assertThat(d.evidence()).extracting(Evidence::signal).contains("offgas_species");
            assertThat(d.uncorroborated()).isFalse();
        });
    }

    @Test
    void shouldWarnOnAVentAloneAndDrainOnceItHasKeptRisingForTheWorseningTime() {
        // VOC above its 20 ppm level from T0 and climbing 1 ppm every 10 s: a vent after 2 min, worsening for 5
        for (long t = 0; t <= 7 * 60_000; t += 10_000) {
            detection.send(gas(B3, "asd-b3-1", T0 + t, 21 + t / 10_000.0, 1.0, 0.0));
        }

        List<Alert> alerts = detection.alerts();
        assertThat(alerts).first().satisfies(a -> assertThat(a.level()).isEqualTo(RiskLevel.WARNING));
        assertThat(alerts).anySatisfy(a -> assertThat(a.evidence()).extracting(Evidence::signal).contains("voc_vent"));
        assertThat(detection.decisions()).singleElement().satisfies(d -> {
            assertThat(d.detectedAt()).isBetween(T0 + 5 * 60_000, T0 + 6 * 60_000);
            assertThat(d.reason()).contains("kept worsening").contains("asd-b3-1");
        });
    }

    @Test
    void shouldNotCallAShortVentThatTheVentilationClearsAVent() {
        // 60 ppm at once, then decaying as the room's ventilation clears it: above 20 ppm for minutes, but falling
        for (long t = 0; t <= 8 * 60_000; t += 10_000) {
            detection.send(gas(B3, "asd-b3-1", T0 + t, 60 * Math.exp(-t / 600_000.0), 1.0, 0.0));
        }

        assertThat(detection.alerts()).allSatisfy(a -> assertThat(a.evidence()).extracting(Evidence::signal).doesNotContain("voc_vent"));
        assertThat(detection.decisions()).isEmpty();
    }

    @Test
    void shouldNotWarnOnAGlitchToOneHundredFiftyInAModuleSampledEveryTenSeconds() {
        for (int i = 0; i < 12; i++) {
            double p1 = i == 8 ? 150.0 : i == 9 ? 0.6 : 25.0 + (i % 2) * 0.1;
            detection.send(bms(B3, "3E-1", "M01", T0 + i * 10_000L, probes(p1, 25.0, 25.1, 24.9), healthyVolts()));
            detection.send(bms(B3, "3E-2", "M01", T0 + i * 10_000L, probes(25.0, 25.0, 25.1, 24.9), healthyVolts()));
        }

        assertThat(detection.alerts()).allSatisfy(a -> assertThat(a.sensorFault()).isTrue());
        assertThat(detection.decisions()).isEmpty();
    }

    @Test
    void shouldConfirmARunawayFromAModuleSampledEveryTenSeconds() {
        double[] hot = {60, 80, 100, 125, 150};
        for (int i = 0; i < hot.length; i++) {
            List<Double> volts = healthyVolts();
            detection.send(bms(B3, "3E-1", "M01", T0 + i * 10_000L, probes(hot[i], 25.0, 25.0, 25.0), volts));
        }

        assertThat(detection.decisions()).singleElement().satisfies(d -> {
            assertThat(d.evidence()).extracting(Evidence::signal).contains("thermal_runaway");
            assertThat(d.detectedAt()).isEqualTo(T0 + 30_000);
        });
    }

    @Test
    void shouldNotEscalateAGasWarningThatHoldsSteady() {
        for (long t = 0; t <= 15 * 60_000; t += 10_000) {
            detection.send(gas(B3, "asd-b3-1", T0 + t, 30 + (t / 10_000 % 2), 1.0, 0.0));
        }

        assertThat(detection.alerts()).singleElement().satisfies(a -> assertThat(a.level()).isEqualTo(RiskLevel.WARNING));
        assertThat(detection.decisions()).isEmpty();
    }

    @Test
    void shouldDrainWhenGasAndSubThresholdProbeAndSagInTheSameZoneAddUp() {
        feedWarmModule("3E-1", "asd-b3-1");

        List<DrainDecision> drains = detection.decisions();
        assertThat(drains).singleElement().satisfies(d -> {
            assertThat(d.reason()).contains("evidence adds up").contains("zone B3-1").contains("probe_warm").contains("cell_sag_weak");
            assertThat(d.evidence()).extracting(Evidence::signal).contains("voc", "probe_warm", "cell_sag_weak");
            assertThat(d.evidence()).filteredOn(e -> e.signal().equals("probe_warm")).singleElement()
                    .satisfies(e -> assertThat(e.where()).isEqualTo("3E-1/M01/p3"));
        });
    }

    @Test
    void shouldOnlyWarnWhenTheSubThresholdEvidenceIsInAnotherZoneThanTheGas() {
        feedWarmModule("3F-1", "asd-b3-1");

        assertThat(detection.decisions()).isEmpty();
        assertThat(detection.alerts()).allSatisfy(a -> assertThat(a.level()).isEqualTo(RiskLevel.WARNING));
    }

    /**
     * Module M01 of {@code rack}: probe 3 from 1.0 C above the others climbing 0.26 C/min (half a hot spot,
     * never a whole one), cell 5 30 mV below its neighbours (more than half a sag, less than a sag); and steady
     * VOC of 25 ppm (a gas warning, not a vent) at {@code sensor} from minute 3.
     */
    private void feedWarmModule(String rack, String sensor) {
        List<Double> volts = healthyVolts();
        volts.set(4, 3.30);
        for (long t = 0; t <= 4 * 60_000; t += 5_000) {
            double warm = 26.0 + 0.26 * t / 60_000.0;
            detection.send(bms(B3, rack, "M01", T0 + t, probes(25.0, 25.0, warm, 25.0), volts));
            if (t >= 3 * 60_000 && t % 10_000 == 0) {
                detection.send(gas(B3, sensor, T0 + t, 25, 1.0, 0.0));
            }
        }
    }
}
