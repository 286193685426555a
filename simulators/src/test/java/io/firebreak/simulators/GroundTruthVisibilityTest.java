package io.firebreak.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import org.junit.jupiter.api.Test;

/** When a sensor could first see the fault, as the ground truth of the library's fire scenarios says. */
class GroundTruthVisibilityTest {

    private static final long START = 1_665_814_685_000L;
    private static final long FIVE_MINUTES = 300_000;
    private static final SiteInventory SITE = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");

    private static ScenarioRun run(String scenario, long seed) {
        // the nominal physics: these tests look at the shape each scenario was built to have
        return new ScenarioRun(SITE, Scenarios.byName(scenario).orElseThrow(), TopicLayout.defaults(), START, seed, Variation.nominal());
    }

    @Test
    void shouldSeeTheShortedCellSagInItsModuleLongBeforeTheRunawayOfOffGasBeforeProbe() {
        GroundTruth truth = run("offgas-before-probe", 1).groundTruth();

        assertThat(truth.firstVisible()).isNotNull().isGreaterThan(truth.faultOnset());
        assertThat(truth.runaway() - truth.firstVisible()).isGreaterThanOrEqualTo(FIVE_MINUTES);
        assertThat(truth.visibleBy()).startsWith("cell voltage B3-battery/").contains("mV below module median");
    }

    @Test
    void shouldSeeOverchargedCellsWithinMinutesOfTheChargerFailing() {
        GroundTruth truth = run("overcharge", 1).groundTruth();

        assertThat(truth.firstVisible() - truth.faultOnset()).isBetween(0L, 15 * 60_000L);
        assertThat(truth.runaway() - truth.firstVisible()).isGreaterThanOrEqualTo(FIVE_MINUTES);
        assertThat(truth.visibleBy()).startsWith("cell voltage B3-battery/");
    }

    @Test
    void shouldSeeTheHeatedCellsProbeRiseAboveItsModuleBeforeTheRunawayOfExternalHeating() {
        GroundTruth truth = run("external-heating", 1).groundTruth();

        assertThat(truth.firstVisible()).isGreaterThan(truth.faultOnset());
        assertThat(truth.runaway() - truth.firstVisible()).isGreaterThanOrEqualTo(FIVE_MINUTES);
        assertThat(truth.visibleBy()).startsWith("probe B3-battery/").contains("C above the module's other probes");
    }

    @Test
    void shouldSeeNothingBeforeTheIgnitionOfPangyoWhichHadNoPrecursor() {
        GroundTruth truth = run("pangyo-2022", 1).groundTruth();

        assertThat(truth.firstVisible()).isGreaterThanOrEqualTo(truth.ignition()).isLessThanOrEqualTo(truth.fire());
        assertThat(truth.visibleBy()).contains("asd-b3-1");
    }

    @Test
    void shouldGiveTheSameVisibilityWhetherTheRunWasPlayedFirstOrNot() {
        ScenarioRun played = run("pangyo-2022", 2);
        played.forEach(batch -> { });

        assertThat(played.groundTruth()).isEqualTo(run("pangyo-2022", 2).groundTruth());
    }

    @Test
    void shouldWriteVisibilityInTheGroundTruthFile() {
        GroundTruth truth = run("pangyo-2022", 1).groundTruth();

        assertThat(truth.toJson()).contains("\"first_visible\":" + truth.firstVisible(), "\"visible_by\":\"" + truth.visibleBy() + "\"");
        assertThat(run("healthy", 1).groundTruth().toJson()).contains("\"first_visible\":null");
    }
}
