package io.firebreak.app.evaluate;

import io.firebreak.simulators.Scenario;
import io.firebreak.simulators.ScenarioRun;
import io.firebreak.streams.DetectionConfig;
import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code firebreak evaluate}: replays the scenario library over a seed sweep through the real detection
 * topology and judges each run against its ground truth: fire scenarios must drain before their power
 * loss, benign ones must not drain at all. Prints and writes the table; {@link #run} says whether every
 * expectation was met.
 */
public final class Evaluator {

    /** Runs start here in event time: 15 October 2022, 15:18:05 KST. */
    private static final long START = 1_665_814_685_000L;

    private final SiteInventory site;
    private final List<Scenario> scenarios;
    private final int seeds;
    private final Path stateDir;

    public Evaluator(SiteInventory site, List<Scenario> scenarios, int seeds, Path stateDir) {
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds: must be >= 1, was " + seeds);
        }
        this.site = site;
        this.scenarios = List.copyOf(scenarios);
        this.seeds = seeds;
        this.stateDir = stateDir;
    }

    /** Evaluates, prints the table to {@code out}, writes it to {@code table}; true when all runs passed. */
    public boolean run(PrintStream out, Path table) throws IOException {
        List<RunResult> results = new ArrayList<>();
        TopicLayout layout = TopicLayout.defaults();
        ContractParser parser = new ContractParser(layout);
        for (Scenario scenario : scenarios) {
            for (long seed = 1; seed <= seeds; seed++) {
                Path runState = Files.createTempDirectory(stateDir, "run");
                DetectionConfig config = DetectionConfig.of(KafkaSettings.local("unused:9092"), site, TimeMode.REPLAY, runState);
                ScenarioRun run = new ScenarioRun(site, scenario, layout, START, seed);
                ReplayDriver.Outcome outcome = new ReplayDriver(config, parser).replay(run);
                RunResult result = RunResult.judge(run.groundTruth(), START, scenario.durationMs(), site.rooms().size(), seed, outcome);
                results.add(result);
                out.println(EvaluationTable.row(result));
            }
        }
        String text = EvaluationTable.render(results);
        Files.createDirectories(table.toAbsolutePath().getParent());
        Files.writeString(table, text);
        out.println();
        out.print(EvaluationTable.summary(results));
        out.printf(Locale.ROOT, "table written to %s%n", table);
        return results.stream().allMatch(RunResult::passed);
    }
}
