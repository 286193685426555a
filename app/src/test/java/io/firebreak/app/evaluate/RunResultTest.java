package io.firebreak.app.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.simulators.GroundTruth;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.RiskLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunResultTest {

    private static final long START = 1_000_000L;
    private static final GroundTruth FIRE = new GroundTruth("fire", "B3", START + 60_000, START + 60_000, START + 240_000,
            START + 300_000, true, START + 240_000);
    private static final GroundTruth BENIGN = new GroundTruth("benign", null, null, null, null, null, false, null);

    private static DrainDecision drain(String room, long at) {
        return new DrainDecision("drn_" + at, DrainDecision.REQUESTED, "s", room, List.of("h"), List.of("t"), RiskLevel.CRITICAL,
                "r", List.of(), at);
    }

    private static ReplayDriver.Outcome decided(DrainDecision... decisions) {
        return new ReplayDriver.Outcome(List.of(), List.of(decisions), 100, 0);
    }

    @Test
    void shouldPassAFireDrainedBeforeItsPowerLossAndReportLeadTimes() {
        RunResult result = RunResult.judge(FIRE, START, 360_000, 2, 1, decided(drain("B3", START + 63_000)));

        assertThat(result.passed()).isTrue();
        assertThat(result.drain()).isEqualTo(63_000);
        assertThat(result.leadBeforePowerLoss()).isEqualTo(177_000);
        assertThat(result.leadBeforeIgnition()).isEqualTo(-3_000);
    }

    @Test
    void shouldFailAFireDrainedAfterThePowerLossOrNotAtAll() {
        assertThat(RunResult.judge(FIRE, START, 360_000, 2, 1, decided(drain("B3", START + 250_000))).why())
                .isEqualTo("drain after the deadline");
        assertThat(RunResult.judge(FIRE, START, 360_000, 2, 1, decided()).why()).isEqualTo("no drain");
    }

    @Test
    void shouldFailAFireThatAlsoDrainedAnotherRoom() {
        RunResult result = RunResult.judge(FIRE, START, 360_000, 2, 1, decided(drain("B3", START + 63_000), drain("B2", START + 70_000)));

        assertThat(result.passed()).isFalse();
        assertThat(result.falseDrains()).isEqualTo(1);
    }

    @Test
    void shouldFailABenignScenarioWithAnyDrainAndCountItsRoomHours() {
        assertThat(RunResult.judge(BENIGN, START, 3_600_000, 2, 1, decided()).roomHours()).isEqualTo(2.0);
        RunResult drained = RunResult.judge(BENIGN, START, 3_600_000, 2, 1, decided(drain("B2", START + 5)));
        assertThat(drained.passed()).isFalse();
        assertThat(drained.falseDrains()).isEqualTo(1);
        assertThat(EvaluationTable.summary(List.of(drained))).contains("failed=1", "false_drains=1");
    }
}
