package io.firebreak.app.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.simulators.GroundTruth;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.alerting.PagerRouter;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunResultTest {

    private static final long START = 1_000_000L;
    private static final GroundTruth FIRE = new GroundTruth("fire", "B3", START + 60_000, START + 60_000, START + 240_000,
            START + 300_000, true, START + 240_000);
    private static final GroundTruth BENIGN = new GroundTruth("benign", null, null, null, null, null, false, null);
    private static final SiteInventory SITE = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");
    private static final PagerRouter PAGER = new PagerRouter(SITE, Clock.systemUTC());

    /** A fire whose fault a sensor could see at 10:00, with runaway at 30:00 and the power lost at 35:00. */
    private static GroundTruth visibleFire(long visibleAt) {
        return new GroundTruth("visible-fire", "B3", START + 60_000, START + 1_800_000, START + 2_100_000, START + 2_160_000, true,
                START + 2_100_000, START + 1_700_000, START + 1_800_000, START + 1_900_000, "drain before power loss",
                START + visibleAt, "cell voltage B3/3F-4/M08 c5 41 mV below module median");
    }

    private static DrainDecision drain(String room, long at) {
        return new DrainDecision("drn_" + at, DrainDecision.REQUESTED, "s", room, List.of("h"), List.of("t"), RiskLevel.CRITICAL,
                "r", List.of(), at);
    }

    private static ReplayDriver.Outcome decided(DrainDecision... decisions) {
        return new ReplayDriver.Outcome(List.of(), List.of(decisions), 100, 0);
    }

    @Test
    void shouldPassAFireDrainedBeforeItsPowerLossAndReportLeadTimes() {
        RunResult result = RunResult.judge(FIRE, START, 360_000, 2, 1, decided(drain("B3", START + 63_000)), PAGER);

        assertThat(result.passed()).isTrue();
        assertThat(result.drain()).isEqualTo(63_000);
        assertThat(result.leadBeforePowerLoss()).isEqualTo(177_000);
        assertThat(result.leadBeforeIgnition()).isEqualTo(-3_000);
        assertThat(result.fiveMinuteRule()).as("nothing was visible").isFalse();
    }

    @Test
    void shouldFailAFireDrainedAfterThePowerLossOrNotAtAll() {
        assertThat(RunResult.judge(FIRE, START, 360_000, 2, 1, decided(drain("B3", START + 250_000)), PAGER).why())
                .isEqualTo("drain after the deadline");
        assertThat(RunResult.judge(FIRE, START, 360_000, 2, 1, decided(), PAGER).why()).isEqualTo("no drain");
    }

    @Test
    void shouldFailAFireThatAlsoDrainedAnotherRoom() {
        RunResult result = RunResult.judge(FIRE, START, 360_000, 2, 1, decided(drain("B3", START + 63_000), drain("B2", START + 70_000)), PAGER);

        assertThat(result.passed()).isFalse();
        assertThat(result.falseDrains()).isEqualTo(1);
    }

    @Test
    void shouldPassAFireVisibleEarlyWhenTheDrainComesFiveMinutesBeforeTheRunaway() {
        // Given a fault visible at 10:00 and a runaway at 30:00; When the drain comes at 24:30
        RunResult result = RunResult.judge(visibleFire(600_000), START, 2_400_000, 2, 1, decided(drain("B3", START + 1_470_000)), PAGER);

        // Then the five-minute rule applies and is met
        assertThat(result.passed()).isTrue();
        assertThat(result.fiveMinuteRule()).isTrue();
        assertThat(result.fiveMinuteRuleMet()).isTrue();
        assertThat(result.visible()).isEqualTo(600_000);
        assertThat(result.leadBeforeRunaway()).isEqualTo(330_000);
    }

    @Test
    void shouldFailAFireVisibleEarlyWhenTheDrainComesLessThanFiveMinutesBeforeTheRunaway() {
        // Given a fault visible at 17:20 and a runaway at 30:00; When the drain comes at 26:58, before the power loss
        RunResult result = RunResult.judge(visibleFire(1_040_000), START, 2_400_000, 2, 1, decided(drain("B3", START + 1_618_000)), PAGER);

        // Then the run fails on the five-minute rule alone
        assertThat(result.passed()).isFalse();
        assertThat(result.drainedBeforePowerLoss()).isTrue();
        assertThat(result.fiveMinuteRuleMet()).isFalse();
        assertThat(result.why()).isEqualTo("drain 3:02 before runaway, needs 5:00 (visible 12:40 before)");
        assertThat(EvaluationTable.summary(List.of(result))).contains("failed=1", "drained_before_power_loss=1", "five_minute_rule=0/1");
    }

    @Test
    void shouldSayWhenTheDrainCameAfterTheRunaway() {
        RunResult result = RunResult.judge(visibleFire(600_000), START, 2_400_000, 2, 1, decided(drain("B3", START + 1_830_000)), PAGER);

        assertThat(result.why()).isEqualTo("drain 0:30 after runaway, needs 5:00 (visible 20:00 before)");
    }

    @Test
    void shouldNotApplyTheFiveMinuteRuleWhenTheFaultWasVisibleLessThanFiveMinutesBeforeTheRunaway() {
        // Given a fault visible at 26:00, four minutes before the runaway; When the drain comes a minute before the runaway
        RunResult result = RunResult.judge(visibleFire(1_560_000), START, 2_400_000, 2, 1, decided(drain("B3", START + 1_740_000)), PAGER);

        // Then draining before the power loss is enough
        assertThat(result.passed()).isTrue();
        assertThat(result.fiveMinuteRule()).isFalse();
        assertThat(EvaluationTable.summary(List.of(result))).contains("failed=0", "five_minute_rule=0/0");
    }

    @Test
    void shouldFailABenignScenarioWithAnyDrainAndCountItsRoomHours() {
        RunResult quiet = RunResult.judge(BENIGN, START, 3_600_000, 2, 1, decided(), PAGER);
        assertThat(quiet.roomHours()).isEqualTo(2.0);
        assertThat(quiet.fiveMinuteRule()).isFalse();
        RunResult drained = RunResult.judge(BENIGN, START, 3_600_000, 2, 1, decided(drain("B2", START + 5)), PAGER);
        assertThat(drained.passed()).isFalse();
        assertThat(drained.falseDrains()).isEqualTo(1);
        assertThat(EvaluationTable.summary(List.of(drained))).contains("failed=1", "false_drains=1");
    }

    @Test
    void shouldNotJudgeABenignScenarioOnVisibility() {
        GroundTruth visibleBenign = new GroundTruth("probe-drift", "B3", START, null, null, null, false, null, null, null, null,
                "no drain", START + 60_000, "probe B3/3E-1/M01 p1 3.0 C above the module's other probes");

        RunResult result = RunResult.judge(visibleBenign, START, 3_600_000, 2, 1, decided(), PAGER);

        assertThat(result.passed()).isTrue();
        assertThat(result.fiveMinuteRule()).isFalse();
    }

    @Test
    void shouldShowVisibilityAndLeadBeforeRunawayInTheTable() {
        RunResult result = RunResult.judge(visibleFire(600_000), START, 2_400_000, 2, 7, decided(drain("B3", START + 1_470_000)), PAGER);

        assertThat(EvaluationTable.render(List.of(result))).contains("| visible | first alert | drain | lead before runaway |")
                .contains("| visible-fire | 7 | drain | 10:00 | - | 24:30 | 5:30 | 10:30 | 0 | 0 | 0 | pass |")
                .contains("five_minute_rule=1/1");
    }

    @Test
    void shouldFailABenignScenarioThatPagesATenantAndCountPagesPerRecipient() {
        Alert warning = new Alert("alr_1", "pangyo-a", "B3-battery", RiskLevel.WARNING, RiskLevel.NORMAL, "rack warming",
                List.of(new Evidence("rack_warming", "thermal", "3E-1", 5.5, "C", START, false)), START);
        Alert silent = new Alert("snr_1", "pangyo-a", "B3-battery", RiskLevel.WARNING, RiskLevel.NORMAL, "silent",
                List.of(new Evidence("telemetry_silent", "telemetry", "B3-battery", 40, "s", START, false)), START);

        RunResult faultOnly = RunResult.judge(BENIGN, START, 3_600_000, 2, 1, new ReplayDriver.Outcome(List.of(silent), List.of(), 100, 0),
                PAGER);
        RunResult warned = RunResult.judge(BENIGN, START, 3_600_000, 2, 1, new ReplayDriver.Outcome(List.of(warning), List.of(), 100, 0),
                PAGER);

        assertThat(faultOnly.passed()).as("a silent room pages the facility only").isTrue();
        assertThat(faultOnly.facilityPages()).isEqualTo(1);
        assertThat(faultOnly.tenantPages()).isZero();
        assertThat(warned.passed()).isFalse();
        assertThat(warned.why()).isEqualTo("paged tenants on a benign scenario");
        assertThat(warned.tenantPages()).as("B3 powers halls 1 and 2: kakao and naver").isEqualTo(2);
        assertThat(EvaluationTable.summary(List.of(faultOnly, warned))).contains("benign_facility_pages=2", "benign_tenant_pages=2");
    }

    @Test
    void shouldSummariseEachScenarioWithMinAndMedianLeadTheFiveMinuteRuleAndPagesPerBenignRoomHour() {
        RunResult early = RunResult.judge(visibleFire(600_000), START, 2_400_000, 2, 1, decided(drain("B3", START + 1_200_000)), PAGER);
        RunResult middle = RunResult.judge(visibleFire(600_000), START, 2_400_000, 2, 2, decided(drain("B3", START + 1_320_000)), PAGER);
        RunResult late = RunResult.judge(visibleFire(600_000), START, 2_400_000, 2, 3, decided(drain("B3", START + 1_620_000)), PAGER);
        Alert silent = new Alert("snr_1", "pangyo-a", "B3-battery", RiskLevel.WARNING, RiskLevel.NORMAL, "silent",
                List.of(new Evidence("telemetry_silent", "telemetry", "B3-battery", 40, "s", START, false)), START);
        RunResult benign = RunResult.judge(BENIGN, START, 3_600_000, 2, 1, new ReplayDriver.Outcome(List.of(silent), List.of(), 100, 0),
                PAGER);

        String table = EvaluationTable.perScenario(List.of(early, middle, late, benign));

        assertThat(table).contains("| visible-fire | 3 | 3/3 | 3:00 / 8:00 | 2/3 | 0 | - | - | 1 |")
                .contains("| benign | 1 | - | - | - | 0 | 2.0 | 0.500 / 0.000 | 0 |");
    }
}
