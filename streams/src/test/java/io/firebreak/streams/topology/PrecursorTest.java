package io.firebreak.streams.topology;

import static io.firebreak.streams.topology.Readings.B3;
import static io.firebreak.streams.topology.Readings.T0;
import static io.firebreak.streams.topology.Readings.bms;
import static io.firebreak.streams.topology.Readings.env;
import static io.firebreak.streams.topology.Readings.healthyVolts;
import static io.firebreak.streams.topology.Readings.probes;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.inventory.Rack;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The slow signs minutes before a runaway: voltage sag, hot spots, overcharge, one rack warming, off-gas above the zone's baseline. */
class PrecursorTest {

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

    private static List<Double> volts(double all, int cell, double that) {
        List<Double> v = new java.util.ArrayList<>(Collections.nCopies(14, all));
        if (cell >= 0) {
            v.set(cell, that);
        }
        return v;
    }

    private static List<String> signals(List<Evidence> evidence) {
        return evidence.stream().map(Evidence::signal).toList();
    }

    @Test
    void shouldDrainWhenAVoltageSagAndAHotSpotInTheSameModuleAgree() {
        // an internal short: cell 5 drains 60 mV below its series neighbours while probe 2 beside it climbs 1 C/min
        for (int s = 0; s < 6 * 60; s++) {
            double noise = (s % 3) * 0.1;
            detection.send(bms(B3, "3E-1", "M04", T0 + s * 1000L,
                    probes(25.0 + noise, 25.0 + s / 60.0, 25.0 + noise, 25.0 + noise), volts(3.33, 4, 3.27)));
        }

        List<DrainDecision> drains = detection.decisions();
        assertThat(drains).hasSize(1);
        assertThat(signals(drains.get(0).evidence())).contains("cell_voltage_sag", "cell_hot_spot");
        assertThat(drains.get(0).detectedAt()).as("once the probe is 3 C up with three minutes of trend").isBetween(T0 + 180_000, T0 + 300_000);
    }

    @Test
    void shouldOnlyWarnOnAVoltageSagAlone() {
        for (int s = 0; s < 5 * 60; s++) {
            detection.send(bms(B3, "3E-1", "M04", T0 + s * 1000L, probes(25.0, 25.1, 25.0, 24.9), volts(3.33, 4, 3.27)));
        }

        List<Alert> alerts = detection.alerts();
        assertThat(alerts).extracting(Alert::level).containsExactly(RiskLevel.WARNING);
        assertThat(alerts.get(0).detectedAt()).as("held for 30 samples").isEqualTo(T0 + 29_000);
        assertThat(signals(alerts.get(0).evidence())).containsExactly("cell_voltage_sag");
        assertThat(detection.decisions()).isEmpty();
    }

    @Test
    void shouldNotSagOnAShortDip() {
        for (int s = 0; s < 5 * 60; s++) {
            boolean dip = s % 60 < 20;
            detection.send(bms(B3, "3E-1", "M04", T0 + s * 1000L, probes(25.0, 25.1, 25.0, 24.9), volts(3.33, 4, dip ? 3.25 : 3.33)));
        }

        assertThat(detection.alerts()).isEmpty();
    }

    @Test
    void shouldDrainWhenAnOverchargedRackWarmsAgainstTheOtherRacks() {
        // a failed charger: every cell of 3E-2 above 3.65 V and the rack climbing 1 C/min; 3E-1, 3E-3, 3E-4 stay at 25 C
        for (int s = 0; s < 8 * 60; s++) {
            for (String rack : List.of("3E-1", "3E-2", "3E-3", "3E-4")) {
                boolean charging = rack.equals("3E-2");
                double t = charging ? 25.0 + s / 60.0 : 25.0;
                for (int m = 0; m < 8; m++) {
                    detection.send(bms(B3, rack, Rack.moduleId(m), T0 + s * 1000L, probes(t, t, t, t),
                            charging ? volts(3.9, -1, 0) : healthyVolts()));
                }
            }
        }

        List<Alert> alerts = detection.alerts();
        assertThat(alerts).extracting(Alert::level).startsWith(RiskLevel.WARNING, RiskLevel.CRITICAL);
        assertThat(signals(alerts.get(0).evidence())).containsExactly("cell_overvoltage");
        List<DrainDecision> drains = detection.decisions();
        assertThat(drains).hasSize(1);
        assertThat(signals(drains.get(0).evidence())).contains("cell_overvoltage", "rack_warming");
        assertThat(drains.get(0).detectedAt()).as("when 3E-2 is 5 C above the others").isBetween(T0 + 295_000, T0 + 310_000);
    }

    @Test
    void shouldNotWarnWhenEveryRackWarmsTogether() {
        // a discharge or HVAC failure: all racks climb alike
        for (int s = 0; s < 8 * 60; s++) {
            for (String rack : List.of("3E-1", "3E-2", "3E-3", "3E-4")) {
                double t = 25.0 + s / 60.0 + (rack.equals("3E-2") ? 1.0 : 0.0);
                for (int m = 0; m < 8; m++) {
                    detection.send(bms(B3, rack, Rack.moduleId(m), T0 + s * 1000L, probes(t, t, t, t), healthyVolts()));
                }
            }
        }

        assertThat(detection.alerts()).isEmpty();
    }

    @Test
    void shouldWarnOnOffGasAboveTheZoneBaselineBelowTheAbsoluteLevel() {
        for (int s = 0; s < 60; s++) {
            detection.send(env(B3, "asd-b3-1", T0 + s * 1000L, 0.004, 0.3));
        }
        detection.send(env(B3, "asd-b3-1", T0 + 60_000, 0.004, 6.0));

        List<Alert> alerts = detection.alerts();
        assertThat(alerts).extracting(Alert::level).containsExactly(RiskLevel.WARNING);
        assertThat(signals(alerts.get(0).evidence())).containsExactly("voc_rise");
    }

    @Test
    void shouldNotWarnOnAZoneWhoseBaselineIsHighButSteady() {
        for (int s = 0; s < 120; s++) {
            detection.send(env(B3, "asd-b3-1", T0 + s * 1000L, 0.004, 15.0 + (s % 2)));
        }

        assertThat(detection.alerts()).isEmpty();
    }
}
