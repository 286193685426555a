package io.firebreak.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.EnvSample;
import io.firebreak.telemetry.contract.FireEvent;
import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.contract.GatewayStatus;
import io.firebreak.telemetry.contract.ParseOutcome;
import io.firebreak.telemetry.contract.PowerSample;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScenarioRunTest {

    private static final long START = 1_665_814_685_000L; // 15:18:05 KST, a minute before ignition
    private static final SiteInventory SITE = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");
    private static final ContractParser PARSER = new ContractParser(TopicLayout.defaults());

    private static List<Reading> readings(ScenarioRun run) {
        return run.messages().stream().map(m -> {
            ParseOutcome outcome = PARSER.parse(m.topic(), m.payload(), m.ts());
            assertThat(outcome.deadLetters()).as("contract conformance of %s %s", m.topic(), m.payloadText()).isEmpty();
            return outcome.reading().orElseThrow();
        }).toList();
    }

    private static ScenarioRun pangyo(long seed) {
        // the nominal physics (one BMS sample a second): these tests look at the scripted shape of the fire
        return new ScenarioRun(SITE, Scenarios.byName("pangyo-2022").orElseThrow(), TopicLayout.defaults(), START, seed, Variation.nominal());
    }

    @Test
    void shouldBeDeterministicForASeed() {
        List<String> first = pangyo(7).messages().stream().map(SimMessage::payloadText).toList();
        List<String> again = pangyo(7).messages().stream().map(SimMessage::payloadText).toList();
        List<String> other = pangyo(8).messages().stream().map(SimMessage::payloadText).toList();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void shouldPlayPangyoStagesInOrderWithTheirGroundTruth() {
        ScenarioRun run = pangyo(1);
        GroundTruth truth = run.groundTruth();
        List<Reading> readings = readings(run);

        List<FireEventType> panel = readings.stream().filter(r -> r.measurement() instanceof FireEvent)
                .map(r -> ((FireEvent) r.measurement()).event()).toList();
        assertThat(panel).containsExactly(FireEventType.PRE_ALARM, FireEventType.ALARM, FireEventType.SUPPRESSION_RELEASED);
        long firstAlarm = readings.stream().filter(r -> r.measurement() instanceof FireEvent).mapToLong(Reading::ts).min().orElseThrow();
        assertThat(firstAlarm - truth.ignition()).isBetween(0L, 60_000L);

        long outputLost = readings.stream().filter(r -> r.measurement() instanceof PowerSample p && Boolean.FALSE.equals(p.outputOn()))
                .mapToLong(Reading::ts).min().orElseThrow();
        assertThat(outputLost).isEqualTo(truth.powerLoss()).isEqualTo(truth.ignition() + 180_000);

        Reading offline = readings.stream().filter(r -> r.measurement() instanceof GatewayStatus g && !g.online()).findFirst().orElseThrow();
        assertThat(offline.ts()).isEqualTo(truth.roomDark());
        assertThat(readings.stream().filter(r -> r.source().room().equals(truth.room()) && r.ts() > truth.roomDark()))
                .as("a dark room publishes nothing").isEmpty();
        assertThat(truth.drainExpected()).isTrue();
        assertThat(truth.drainBy()).isEqualTo(truth.powerLoss());
    }

    @Test
    void shouldShowNoBmsPrecursorBeforeIgnitionAndRunawayAfter() {
        ScenarioRun run = pangyo(3);
        long ignition = run.groundTruth().ignition();
        List<Reading> bms = readings(run).stream().filter(r -> r.measurement() instanceof BmsSample).toList();

        double maxBefore = bms.stream().filter(r -> r.ts() < ignition).flatMap(r -> ((BmsSample) r.measurement()).cellT().stream())
                .filter(Objects::nonNull).mapToDouble(Double::doubleValue).max().orElseThrow();
        double maxAfter = bms.stream().filter(r -> r.ts() > ignition + 30_000).flatMap(r -> ((BmsSample) r.measurement()).cellT().stream())
                .filter(Objects::nonNull).mapToDouble(Double::doubleValue).max().orElseThrow();
        assertThat(maxBefore).as("healthy cells on float stay near room temperature").isBetween(20.0, 30.0);
        assertThat(maxAfter).as("a runaway cell reaches hundreds of degrees").isGreaterThan(400.0);
    }

    @Test
    void shouldRaiseSmokeToFireLevelWithinAMinuteOnlyInTheBurningZone() {
        ScenarioRun run = pangyo(4);
        long ignition = run.groundTruth().ignition();
        var smokeAtPlusOneMinute = readings(run).stream()
                .filter(r -> r.measurement() instanceof EnvSample && r.ts() == ignition + 60_000)
                .collect(Collectors.toMap(r -> r.source().device(), r -> ((EnvSample) r.measurement()).smokePctM()));

        assertThat(smokeAtPlusOneMinute.get("asd-b3-1")).isGreaterThan(0.825);
        assertThat(smokeAtPlusOneMinute.get("asd-b3-2")).isLessThan(0.04);
        assertThat(smokeAtPlusOneMinute.get("asd-b2-1")).isLessThan(0.04);
    }

    @Test
    void shouldNumberEachDeviceSequentially() {
        List<Long> seqs = readings(pangyo(5)).stream()
                .filter(r -> r.source().deviceId().equals("pangyo-a/B2-battery/bms/2A-1/M01")).map(Reading::seq).toList();

        assertThat(seqs).hasSizeGreaterThan(100);
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo((long) i);
        }
    }
}
