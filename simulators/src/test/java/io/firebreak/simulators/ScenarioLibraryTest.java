package io.firebreak.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.EnvSample;
import io.firebreak.telemetry.contract.GatewayStatus;
import io.firebreak.telemetry.contract.ParseOutcome;
import io.firebreak.telemetry.contract.PowerSample;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The library: names, ground truth, determinism and contract conformance of every scenario. */
class ScenarioLibraryTest {

    private static final long START = 1_665_814_685_000L;
    private static final SiteInventory SITE = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");
    private static final ContractParser PARSER = new ContractParser(TopicLayout.defaults());

    private static List<SimMessage> first(ScenarioRun run, long seconds) {
        List<SimMessage> out = new ArrayList<>();
        long n = 0;
        for (List<SimMessage> batch : run) {
            out.addAll(batch);
            if (++n >= seconds) {
                break;
            }
        }
        return out;
    }

    private static ScenarioRun run(Scenario scenario, long seed) {
        return new ScenarioRun(SITE, scenario, TopicLayout.defaults(), START, seed);
    }

    @Test
    void shouldOfferAtLeastTwelveNamedScenariosWithAnExpectedOutcome() {
        List<Scenario> all = Scenarios.all();

        assertThat(all).hasSizeGreaterThanOrEqualTo(12);
        assertThat(all.stream().map(Scenario::name)).doesNotHaveDuplicates()
                .contains("pangyo-2022", "healthy", "slow-internal-short", "overcharge", "external-heating", "offgas-before-probe",
                        "grid-outage", "hvac-failure", "stuck-probe", "sentinel-probe", "glitch-probe", "probe-dropout", "probe-drift",
                        "duplicates-out-of-order", "gateway-death", "backlog-flush", "maintenance");
        assertThat(all).allSatisfy(s -> assertThat(s.summary()).contains("expect:"));
        assertThat(all).allSatisfy(s -> assertThat(s.expectedOutcome()).isIn("drain before power loss", "no drain"));
    }

    @Test
    void shouldGiveTheSameMessagesForTheSameSeedForEveryScenario() {
        for (Scenario scenario : Scenarios.all()) {
            List<String> a = first(run(scenario, 21), 420).stream().map(m -> m.topic() + m.payloadText()).toList();
            List<String> b = first(run(scenario, 21), 420).stream().map(m -> m.topic() + m.payloadText()).toList();

            assertThat(b).as(scenario.name()).isEqualTo(a);
        }
    }

    @Test
    void shouldConformToTheContractForEveryMessageKindOfEveryScenario() {
        Set<DeviceKind> kinds = EnumSet.noneOf(DeviceKind.class);
        for (Scenario scenario : Scenarios.all()) {
            for (SimMessage m : first(run(scenario, 4), 420)) {
                ParseOutcome outcome = PARSER.parse(m.topic(), m.payload(), m.ts());
                assertThat(outcome.deadLetters()).as("%s: %s %s", scenario.name(), m.topic(), m.payloadText()).isEmpty();
                kinds.add(outcome.reading().orElseThrow().source().kind());
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder(DeviceKind.values());
    }

    @Test
    void shouldDrawVarietyFromTheSeedInIncidentGroundTruth() {
        Set<Long> runaways = new HashSet<>();
        for (long seed = 1; seed <= 3; seed++) {
            GroundTruth truth = run(new OffGasFirst(), seed).groundTruth();
            assertThat(truth.drainExpected()).isTrue();
            assertThat(truth.room()).isEqualTo("B3-battery");
            runaways.add(truth.runaway() - truth.faultOnset());
        }
        assertThat(runaways).hasSize(3);
    }

    @Test
    void shouldTakeHoursFromOnsetToRunawayForTheSlowInternalShort() {
        GroundTruth truth = run(Scenarios.slowInternalShort(0), 1).groundTruth();

        // the seed's fault growth is drawn from half to twice the nominal rate: still more than an hour
        assertThat(truth.runaway() - truth.faultOnset()).isGreaterThan(3_600_000L);
        assertThat(truth.firstVent()).isLessThan(truth.runaway());
        assertThat(truth.powerLoss()).isEqualTo(truth.drainBy()).isGreaterThan(truth.fire());
    }

    @Test
    void shouldSmellTheVentBeforeAnyProbeSeesTheCellBetweenProbes() {
        // Given the off-gas-first incident
        ScenarioRun run = run(new OffGasFirst(), 2);
        GroundTruth truth = run.groundTruth();
        Long vocOver = null;
        Long probeOver = null;
        // When its telemetry is read up to the runaway
        for (List<SimMessage> batch : run) {
            for (SimMessage m : batch) {
                if (m.ts() > truth.runaway()) {
                    break;
                }
                Reading r = PARSER.parse(m.topic(), m.payload(), m.ts()).reading().orElseThrow();
                if (vocOver == null && r.measurement() instanceof EnvSample env && env.vocPpm() != null && env.vocPpm() > 20) {
                    vocOver = r.ts();
                }
                if (probeOver == null && r.measurement() instanceof BmsSample bms
                        && bms.cellT().stream().filter(Objects::nonNull).anyMatch(t -> t > 40)) {
                    probeOver = r.ts();
                }
            }
            if (batch.isEmpty() || batch.get(0).ts() > truth.runaway()) {
                break;
            }
        }
        // Then the zone's VOC crosses 20 ppm before any probe reads 40 C
        assertThat(vocOver).isNotNull();
        assertThat(probeOver == null || vocOver < probeOver).as("voc at %s, probe at %s", vocOver, probeOver).isTrue();
        assertThat(truth.firstVent()).isLessThan(truth.runaway());
    }

    @Test
    void shouldDischargeEveryStringAndKeepItsBatteryHealthyInAGridOutage() {
        ScenarioRun run = run(Scenarios.byName("grid-outage").orElseThrow(), 3);
        List<Reading> readings = run.messages().stream().map(m -> PARSER.parse(m.topic(), m.payload(), m.ts()).reading().orElseThrow()).toList();
        long outageMid = START + 20 * 60_000L;

        assertThat(run.groundTruth().drainExpected()).isFalse();
        assertThat(readings).filteredOn(r -> r.ts() == outageMid && r.measurement() instanceof PowerSample && r.source().room().equals("B3-battery"))
                .allSatisfy(r -> assertThat(((PowerSample) r.measurement()).onBattery()).isTrue());
        assertThat(readings).filteredOn(r -> r.ts() == outageMid && r.measurement() instanceof BmsSample && r.source().room().equals("B3-battery"))
                .allSatisfy(r -> assertThat(((BmsSample) r.measurement()).currentA()).isLessThan(-50.0));
        double hottest = readings.stream().filter(r -> r.measurement() instanceof BmsSample)
                .flatMap(r -> ((BmsSample) r.measurement()).cellT().stream()).filter(Objects::nonNull).mapToDouble(Double::doubleValue).max().orElseThrow();
        assertThat(hottest).isLessThan(40.0);
        assertThat(readings).noneMatch(r -> r.measurement() instanceof GatewayStatus g && !g.online());
    }
}
