package io.firebreak.app.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.simulators.GroundTruth;
import io.firebreak.simulators.Scenario;
import io.firebreak.simulators.SiteSimulator;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensitivityTest {

    private static final SiteInventory SITE = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");

    @TempDir
    Path dir;

    private static RunResult fire(String scenario, long seed, Long leadBeforeRunaway, boolean passed) {
        return new RunResult(scenario, seed, true, null, null, leadBeforeRunaway == null ? null : 0L, null, leadBeforeRunaway, null,
                passed, leadBeforeRunaway != null, 0, 1, 1, 0, passed, passed ? "" : "no drain");
    }

    private static RunResult benign(String scenario, int falseDrains, int tenantPages, int facilityPages, double roomHours) {
        return new RunResult(scenario, 1, false, null, null, null, null, null, null, false, false, falseDrains, facilityPages, tenantPages,
                roomHours, falseDrains == 0 && tenantPages == 0, "");
    }

    @Test
    void shouldVaryEachThresholdTwentyPercentEachWayAfterTheDefaults() {
        List<Sensitivity.Variant> variants = Sensitivity.variants(List.of("voc_ppm", "vent_sustain", "sag_v"), 0.2);

        assertThat(variants).extracting(Sensitivity::describe).containsExactly("defaults", "voc_ppm=16 (-20 %)", "voc_ppm=24 (+20 %)",
                "vent_sustain=96s (-20 %)", "vent_sustain=144s (+20 %)", "sag_v=0.04 (-20 %)", "sag_v=0.06 (+20 %)");
        assertThat(variants.get(0).overrides()).isEmpty();
        assertThat(variants.get(3).overrides()).containsEntry("vent_sustain", "96s");
    }

    @Test
    void shouldRefuseAnUnknownThresholdTheChemistryLimitAndAStepOutsideZeroToOne() {
        assertThatThrownBy(() -> Sensitivity.variants(List.of("voc_pmm"), 0.2)).hasMessageStartingWith("--vary: unknown threshold 'voc_pmm'");
        assertThatThrownBy(() -> Sensitivity.variants(List.of("cell_max_v"), 0.2)).hasMessageContaining("chemistry");
        assertThatThrownBy(() -> Sensitivity.variants(List.of("voc_ppm"), 1.5)).hasMessageStartingWith("--step");
    }

    @Test
    void shouldSummariseASettingsFirePassesMedianLeadsAndBenignRatesPerRoomHour() {
        // Given a setting whose three fire runs drained 1:00, 3:00 and 10:00 before the runaway, and a missed one
        Sensitivity.Row row = new Sensitivity.Row(new Sensitivity.Variant("voc_ppm", "16", "-20 %"), List.of(
                fire("offgas", 1, 60_000L, true), fire("offgas", 2, 180_000L, true), fire("overcharge", 1, 600_000L, true),
                fire("overcharge", 2, null, false), benign("healthy", 1, 0, 3, 2.0), benign("glitch-probe", 0, 2, 1, 2.0)));

        String line = SensitivityTable.row(row, Set.of("offgas", "overcharge").stream().sorted().collect(
                java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));

        // Then: 3 of 4 fire runs passed, median 3:00 over all, 1:00 for offgas (lower middle), 10:00 for overcharge;
        // one false drain, in 4 benign room-hours with 2 tenant and 4 facility pages
        assertThat(line).isEqualTo("| `voc_ppm` -20 % | 16 | 3/4 | 1/3 | 3:00 | 1:00 | 10:00 | 1 | 0.250 / 0.500 / 1.000 |");
    }

    @Test
    void shouldWriteOneLinePerSettingWithTheRunsItMade() throws Exception {
        // Given a short quiet scenario swept with one threshold varied
        Evaluator evaluator = new Evaluator(SITE, List.of(new Quiet("quiet", 5_000)), 2, 1, 0, dir);
        Path table = dir.resolve("sensitivity.md");

        boolean passed = evaluator.sensitivity(List.of("hint_fraction"), 0.2,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), table);

        // Then the table has the defaults and both settings, and names the runs each setting made
        String text = Files.readString(table);
        assertThat(passed).isTrue();
        assertThat(text).contains("| defaults | - | - | - | - | 0 |", "| `hint_fraction` -20 % | 0.4 | - | - | - | 0 |",
                "| `hint_fraction` +20 % | 0.6 | - | - | - | 0 |", "Each setting ran these 2 runs", "`quiet` seeds 1-2");
    }

    /** A site where nothing happens, for a given time. */
    private record Quiet(String name, long durationMs) implements Scenario {

        @Override
        public String summary() {
            return "nothing happens; expect: no drain";
        }

        @Override
        public GroundTruth groundTruth(SiteInventory site, long start) {
            return new GroundTruth(name, null, null, null, null, null, false, null);
        }

        @Override
        public void apply(SiteSimulator simulator, long elapsedMs) {
            // quiet
        }
    }
}
