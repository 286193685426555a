package io.firebreak.streams.topology;

import static io.firebreak.streams.topology.Readings.B2;
import static io.firebreak.streams.topology.Readings.B3;
import static io.firebreak.streams.topology.Readings.T0;
import static io.firebreak.streams.topology.Readings.bms;
import static io.firebreak.streams.topology.Readings.probes;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.streams.ThresholdOverrides;
import io.firebreak.streams.Thresholds;
import io.firebreak.streams.rack.VoltageLimits;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The charge limit follows the chemistry the inventory declares; an explicit cell_max_v wins. */
class ChemistryLimitsTest {

    @TempDir
    Path stateDir;

    /** The shipped Pangyo site with room B2's cells declared NMC (B3 declares none). */
    static SiteInventory nmcInB2() throws IOException {
        try (InputStream in = ChemistryLimitsTest.class.getResourceAsStream("/inventory/pangyo.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("    feeds: [hall-3]\n", "    feeds: [hall-3]\n    chemistry: nmc\n");
            assertThat(yaml).contains("chemistry: nmc");
            return new InventoryLoader(name -> null).load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "pangyo.yaml");
        }
    }

    @Test
    void shouldTakeTheChargeLimitFromTheChemistryUnlessAThresholdIsSet() throws IOException {
        SiteInventory site = nmcInB2();
        DeviceAddress nmc = DeviceAddress.bms(Readings.SITE, B2, "2A-1", "M01");
        DeviceAddress undeclared = DeviceAddress.bms(Readings.SITE, B3, "3E-1", "M01");

        VoltageLimits byChemistry = new VoltageLimits(Thresholds.defaults().precursors(), site);
        VoltageLimits explicit = new VoltageLimits(ThresholdOverrides.apply(Map.of("cell_max_v", 4.25)).precursors(), site);

        assertThat(byChemistry.chargeLimit(nmc)).isEqualTo(4.2);
        assertThat(byChemistry.chargeLimit(undeclared)).as("undeclared racks are held to LFP's limit").isEqualTo(3.65);
        assertThat(explicit.chargeLimit(nmc)).isEqualTo(4.25);
        assertThat(explicit.chargeLimit(undeclared)).isEqualTo(4.25);
    }

    @Test
    void shouldFlagOvervoltageAtEachRoomsOwnChemistryLimit() throws IOException {
        try (DetectionHarness detection = new DetectionHarness(stateDir, nmcInB2())) {
            for (long t = 0; t < 10_000; t += 1_000) {
                // NMC on float at 4.10 V: far above LFP's 3.65 V limit, well below NMC's 4.2 V
                detection.send(bms(B2, "2A-1", "M01", T0 + t, probes(25, 25, 25, 25), cells(4.10, 4.10)));
                // an LFP rack with a cell at 3.70 V: above its 3.65 V limit
                detection.send(bms(B3, "3E-1", "M01", T0 + t, probes(25, 25, 25, 25), cells(3.34, 3.70)));
            }
            for (long t = 10_000; t < 20_000; t += 1_000) {
                detection.send(bms(B2, "2A-1", "M01", T0 + t, probes(25, 25, 25, 25), cells(4.10, 4.23)));
            }

            List<Alert> alerts = detection.alerts();
            assertThat(alerts).filteredOn(a -> a.room().equals(B3)).first()
                    .satisfies(a -> assertThat(a.evidence()).extracting(Evidence::signal).contains("cell_overvoltage"));
            assertThat(alerts).filteredOn(a -> a.room().equals(B2)).first().satisfies(a -> {
                assertThat(a.evidence()).extracting(Evidence::signal).contains("cell_overvoltage");
                assertThat(a.detectedAt()).as("only once a cell passed 4.2 V").isGreaterThanOrEqualTo(T0 + 10_000);
            });
        }
    }

    /** 14 cells at {@code volts}, the fourth at {@code fourth}. */
    private static List<Double> cells(double volts, double fourth) {
        List<Double> out = new ArrayList<>(Collections.nCopies(14, volts));
        out.set(3, fourth);
        return out;
    }
}
