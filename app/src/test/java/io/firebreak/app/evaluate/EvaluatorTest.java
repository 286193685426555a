package io.firebreak.app.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.simulators.GroundTruth;
import io.firebreak.simulators.Scenario;
import io.firebreak.simulators.Scenarios;
import io.firebreak.simulators.SiteSimulator;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {

    private static final SiteInventory SITE = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");

    @TempDir
    Path state;

    private static Scenario scenario(String name) {
        return Scenarios.byName(name).orElseThrow();
    }

    private static String names(List<Evaluator.Planned> plan) {
        return String.join(" ", plan.stream().map(p -> p.scenario().name() + "#" + p.seed()).toList());
    }

    @Test
    void shouldPlanTheSweepByScenarioThenSeed() {
        Evaluator evaluator = new Evaluator(SITE, List.of(scenario("pangyo-2022"), scenario("healthy")), 2, 2, 0, state);

        assertThat(names(evaluator.plan())).isEqualTo("pangyo-2022#1 pangyo-2022#2 healthy#1 healthy#2");
    }

    @Test
    void shouldStartTheSweepAtTheFirstSeedWhenOneIsGiven() {
        Evaluator evaluator = new Evaluator(SITE, List.of(scenario("pangyo-2022")), 3, 1, 0, state).fromSeed(18);

        assertThat(names(evaluator.plan())).isEqualTo("pangyo-2022#18 pangyo-2022#19 pangyo-2022#20");
    }

    @Test
    void shouldAddBenignRunsWithSeedsAfterTheSweepUntilTheRoomHoursAreReached() {
        // Given a site of two rooms: healthy is 2 room-hours a run, probe-drift (30 min) 1
        Evaluator evaluator = new Evaluator(SITE, List.of(scenario("pangyo-2022"), scenario("healthy"), scenario("probe-drift")),
                1, 2, 9, state);

        // Then the sweep gives 3 room-hours, and seeds 2 and 3 of both benign scenarios the other 6
        assertThat(names(evaluator.plan()))
                .isEqualTo("pangyo-2022#1 healthy#1 healthy#2 healthy#3 probe-drift#1 probe-drift#2 probe-drift#3");
    }

    @Test
    void shouldRefuseAnUnknownThresholdByItsKeyAndAcceptAKnownOne() {
        Evaluator evaluator = new Evaluator(SITE, List.of(scenario("healthy")), 1, 1, 0, state);

        assertThatThrownBy(() -> evaluator.withThresholds(java.util.Map.of("voc_pmm", "16")))
                .hasMessageStartingWith("detect.thresholds.voc_pmm: unknown threshold");
        assertThat(evaluator.withThresholds(java.util.Map.of("voc_ppm", "16"))).isSameAs(evaluator);
    }

    @Test
    void shouldRefuseABenignSoakWithoutBenignScenarios() {
        assertThatThrownBy(() -> new Evaluator(SITE, List.of(scenario("pangyo-2022")), 1, 1, 10, state))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--benign-room-hours");
        assertThatThrownBy(() -> new Evaluator(SITE, List.of(scenario("healthy")), 1, 0, 0, state))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--threads");
    }

    @Test
    void shouldPrintRowsInPlanOrderWhateverOrderTheRunsFinishIn() throws Exception {
        // Given a longer and a shorter quiet scenario on two threads: the shorter runs finish first
        Evaluator evaluator = new Evaluator(SITE, List.of(new Quiet("quiet-long", 90_000), new Quiet("quiet-short", 5_000)), 2, 2, 0, state);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Path table = state.resolve("evaluation.md");

        boolean passed = evaluator.run(new PrintStream(printed, true, StandardCharsets.UTF_8), table);

        // Then the rows are in scenario, then seed order, and the table holds the same rows
        // (the run rows come first; the per-scenario summary follows a blank line)
        List<String> rows = printed.toString(StandardCharsets.UTF_8).lines().takeWhile(l -> !l.isEmpty())
                .filter(l -> l.startsWith("| ")).toList();
        assertThat(rows).extracting(r -> r.split(" \\| ")[0] + " " + r.split(" \\| ")[1])
                .containsExactly("| quiet-long 1", "| quiet-long 2", "| quiet-short 1", "| quiet-short 2");
        assertThat(Files.readString(table)).contains(rows.toArray(String[]::new)).contains("runs=4");
        assertThat(passed).isTrue();
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
