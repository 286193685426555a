package io.firebreak.streams.topology;

import static io.firebreak.streams.topology.Readings.B3;
import static io.firebreak.streams.topology.Readings.T0;
import static io.firebreak.streams.topology.Readings.bms;
import static io.firebreak.streams.topology.Readings.env;
import static io.firebreak.streams.topology.Readings.healthyVolts;
import static io.firebreak.streams.topology.Readings.probes;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.RiskLevel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sensor faults are paged as such, one alert per faulty probe, and never raise a room or drain it. */
class SensorHealthTest {

    @TempDir
    Path stateDir;
    private DetectionHarness detection;

    @BeforeEach
    void start() {
        detection = new DetectionHarness(stateDir);
    }

    @AfterEach
    void close() {
        detection.close();
    }

    /** Module M04 of rack 3E-1, one sample a second for {@code seconds}; probe 2 reads {@code probe2(second)}. */
    private void module(long from, int seconds, LongFunction<Double> probe2) {
        for (int s = 0; s < seconds; s++) {
            // healthy probes move with noise the size of a quantisation step
            double noise = (s % 3) * 0.1;
            detection.send(bms(B3, "3E-1", "M04", from + s * 1000L, probes(25.0 + noise, probe2.apply(s), 25.1 + noise, 24.9 + noise),
                    healthyVolts()));
        }
    }

    private static Alert only(List<Alert> alerts) {
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }

    @Test
    void shouldPageAStuckProbeOnceAsASensorFaultWhenItsNeighboursMove() {
        module(T0, 11 * 60, s -> 25.3);

        Alert alert = only(detection.alerts());
        assertThat(alert.sensorFault()).isTrue();
        assertThat(alert.level()).isEqualTo(RiskLevel.WARNING);
        assertThat(alert.evidence().get(0).signal()).isEqualTo("probe_stuck");
        assertThat(alert.evidence().get(0).where()).isEqualTo("3E-1/M04/p2");
        assertThat(alert.detectedAt()).as("after ten minutes without a change").isBetween(T0 + 600_000, T0 + 602_000);
        assertThat(detection.decisions()).isEmpty();
    }

    @Test
    void shouldNotCallAProbeStuckWhenTheBmsReportsInCoarseStepsAndItsNeighboursOnlyFlickOneStep() {
        // a BMS reporting in 0.5 C steps every 10 s: steady probes repeat, those near a step boundary flick between two
        for (int s = 0; s < 15 * 60; s += 10) {
            double flick = (s / 10) % 2 * 0.5;
            detection.send(bms(B3, "3E-1", "M04", T0 + s * 1000L, probes(25.0 + flick, 25.5, 25.0 + flick, 24.5 + flick), healthyVolts()));
        }

        assertThat(detection.alerts()).isEmpty();
    }

    @Test
    void shouldNotCallAProbeStuckWhenTheWholeModuleIsSteady() {
        for (int s = 0; s < 11 * 60; s++) {
            detection.send(bms(B3, "3E-1", "M04", T0 + s * 1000L, probes(25.0, 25.3, 25.1, 24.9), healthyVolts()));
        }

        assertThat(detection.alerts()).isEmpty();
    }

    @Test
    void shouldPageTheSentinelOutOfRangeAndMissingProbesEachOnce() {
        for (int s = 0; s < 20; s++) {
            detection.send(bms(B3, "3E-1", "M04", T0 + s * 1000L, probes(25.0, -39.0, 25.0, 25.0), healthyVolts()));
            detection.send(bms(B3, "3E-1", "M05", T0 + s * 1000L, probes(25.0, 25.0, 1500.0, 25.0), healthyVolts()));
            List<Double> missing = probes(25.0, 25.0, 25.0, 25.0);
            missing.set(3, null);
            detection.send(bms(B3, "3E-1", "M06", T0 + s * 1000L, missing, healthyVolts()));
        }

        List<Alert> alerts = detection.alerts();
        assertThat(alerts).extracting(a -> a.evidence().get(0).signal() + "@" + a.evidence().get(0).where())
                .containsExactlyInAnyOrder("probe_sentinel@3E-1/M04/p2", "probe_out_of_range@3E-1/M05/p3", "probe_missing@3E-1/M06/p4");
        assertThat(alerts).allMatch(Alert::sensorFault);
        assertThat(alerts).extracting(Alert::id).doesNotHaveDuplicates();
        assertThat(detection.decisions()).isEmpty();
    }

    @Test
    void shouldPageADriftingProbeAsASensorFaultNotAsHeat() {
        // 6 C an hour, the simulator's drift: 3 C off after 30 minutes
        module(T0, 40 * 60, s -> 25.0 + 6.0 * s / 3600);

        Alert alert = only(detection.alerts());
        assertThat(alert.sensorFault()).isTrue();
        assertThat(alert.evidence().get(0).signal()).isEqualTo("probe_drift");
        assertThat(detection.decisions()).isEmpty();
    }

    @Test
    void shouldCloseASensorFaultUnderItsIdOnceTheProbeIsBack() {
        module(T0, 60, s -> -39.0);
        module(T0 + 60_000, 31 * 60, s -> 25.0 + (s % 3) * 0.1);

        List<Alert> alerts = detection.alerts();
        assertThat(alerts).extracting(Alert::level).containsExactly(RiskLevel.WARNING, RiskLevel.NORMAL);
        assertThat(alerts.get(1).id()).isEqualTo(alerts.get(0).id());
        assertThat(alerts.get(1).detectedAt()).as("thirty minutes after it was last seen").isGreaterThanOrEqualTo(T0 + 59_000 + 30 * 60_000);
    }

    @Test
    void shouldNotCountASensorFaultAsASecondFamily() {
        module(T0, 30, s -> -39.0);
        detection.send(env(B3, "asd-b3-1", T0 + 31_000, 0.0, 300.0));

        List<Alert> alerts = detection.alerts();
        assertThat(alerts).extracting(Alert::sensorFault, Alert::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, RiskLevel.WARNING),
                        org.assertj.core.groups.Tuple.tuple(false, RiskLevel.WARNING));
        assertThat(detection.decisions()).isEmpty();
    }
}
