package io.firebreak.app.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.simulators.ScenarioRun;
import io.firebreak.simulators.Scenarios;
import io.firebreak.streams.DetectionConfig;
import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The benign look-alikes of the scenario library, through the contract parser and the real topology: none
 * drains, none raises a room to warning, and each faulty probe is paged as a sensor fault naming the fault.
 */
class LookAlikeReplayTest {

    private static final SiteInventory SITE = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");
    private static final long START = 1_665_814_685_000L;

    @TempDir
    Path stateDir;

    private ReplayDriver.Outcome replay(String scenario) {
        DetectionConfig config = DetectionConfig.of(KafkaSettings.local("unused:9092"), SITE, TimeMode.REPLAY, stateDir);
        ScenarioRun run = new ScenarioRun(SITE, Scenarios.byName(scenario).orElseThrow(), TopicLayout.defaults(), START, 1);
        return new ReplayDriver(config, new ContractParser(TopicLayout.defaults())).replay(run);
    }

    @ParameterizedTest(name = "{0} is paged as {1} only")
    @CsvSource({"stuck-probe, probe_stuck", "sentinel-probe, probe_sentinel", "glitch-probe, probe_glitch",
            "probe-dropout, probe_missing", "probe-drift, probe_drift"})
    void shouldPageAFaultyProbeAsASensorFaultAndNeverDrain(String scenario, String fault) {
        ReplayDriver.Outcome outcome = replay(scenario);

        assertThat(outcome.decisions()).isEmpty();
        List<Alert> paged = outcome.alerts().stream().filter(a -> a.level().compareTo(RiskLevel.WARNING) >= 0).toList();
        assertThat(paged).isNotEmpty().allMatch(Alert::sensorFault);
        assertThat(paged).extracting(a -> a.evidence().get(0).signal()).containsOnly(fault);
        assertThat(paged).extracting(Alert::id).as("one alert per faulty probe").containsOnly(paged.get(0).id());
    }

    @ParameterizedTest(name = "{0} warms cells without a warning")
    @CsvSource({"grid-outage", "hvac-failure"})
    void shouldNotWarnWhenCellsWarmTogether(String scenario) {
        ReplayDriver.Outcome outcome = replay(scenario);

        assertThat(outcome.decisions()).isEmpty();
        assertThat(outcome.alerts()).noneMatch(a -> a.level().compareTo(RiskLevel.WARNING) >= 0);
    }
}
