package io.firebreak.app;

import io.firebreak.app.evaluate.Evaluator;
import io.firebreak.app.evaluate.Sensitivity;
import io.firebreak.simulators.Scenario;
import io.firebreak.simulators.Scenarios;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firebreak evaluate}: see {@link Evaluator}. Exits 1 when an expectation is missed. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Replays the scenario library over a seed sweep through the detection topology and judges every run "
                + "against its ground truth; writes the table and exits non-zero when an expectation is missed.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds per scenario (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--scenario", description = "Only these scenarios (repeatable; default: the whole library).")
    List<String> only;

    @Option(names = "--only", defaultValue = "all", description = "all, fire (drain expected) or benign scenarios (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--threads", description = "Runs at once, each on its own thread (default: available processors).")
    Integer threads;

    @Option(names = "--benign-room-hours", defaultValue = "0",
            description = "After the sweep, add benign runs (seeds continuing after --seeds) until the benign runs cover this many room-hours.")
    double benignRoomHours;

    @Option(names = "--inventory", description = "Site inventory (default: the shipped Pangyo example).")
    Path inventory;

    @Option(names = "--through-brokers", description = "Replay every run over MQTT through real brokers (Mosquitto, a KRaft "
            + "broker per run) into firebreak up's ingest and detection, instead of the in-process topology driver; one run at a time.")
    boolean throughBrokers;

    @Option(names = "--detect-instances", defaultValue = "1", description = "With --through-brokers: detection instances sharing "
            + "the partitions (default ${DEFAULT-VALUE}).")
    int detectInstances;

    @Option(names = "--first-seed", defaultValue = "1", description = "The sweep's first seed (default ${DEFAULT-VALUE}): "
            + "--first-seed 18 --seeds 3 runs seeds 18 to 20, to resume or split a sweep.")
    long firstSeed;

    @Option(names = "--threshold", description = "A detection threshold for every run, as in detect.thresholds (repeatable), "
            + "e.g. --threshold voc_ppm=16: for sensitivity sweeps.")
    java.util.Map<String, String> thresholdOverrides;

    @Option(names = "--plots", paramLabel = "DIR", description = "Also draw every run into DIR as <scenario>-seed<N>.png: the room's "
            + "probes, lowest cell voltage, off-gas and smoke against the ground truth's fault onset, vent, runaway and power loss, "
            + "with the first warning, first critical alert and drain.")
    Path plots;

    @Option(names = "--sensitivity", description = "Run the sweep with the default thresholds, then once per --vary threshold at "
            + "1 - --step and 1 + --step times its default, and write the sensitivity table to --out instead of the run table.")
    boolean sensitivity;

    @Option(names = "--vary", paramLabel = "KEY", description = "With --sensitivity: the thresholds to vary (repeatable; default: "
            + "voc_ppm, h2_ppm, rise_c_per_min, hot_spot_c, sag_v, vent_sustain, worsening_factor, hint_fraction, "
            + "corroboration_score).")
    List<String> vary;

    @Option(names = "--step", defaultValue = "0.2", description = "With --sensitivity: the relative change of each threshold "
            + "(default ${DEFAULT-VALUE}, i.e. -20 % and +20 %).")
    double step;

    @Option(names = "--out", defaultValue = "evaluation.md", description = "Where to write the table (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        InventoryLoader loader = new InventoryLoader();
        SiteInventory site = inventory == null ? loader.loadResource("/inventory/pangyo.yaml") : loader.load(inventory);
        if (!List.of("all", "fire", "benign").contains(kind)) {
            throw new IllegalArgumentException("--only: must be all, fire or benign, was '" + kind + "'");
        }
        List<Scenario> scenarios = (only == null ? Scenarios.all() : only.stream().map(name -> Scenarios.byName(name)
                .orElseThrow(() -> new IllegalArgumentException("--scenario: unknown '" + name + "'; see firebreak simulate --list"))).toList())
                .stream().filter(s -> kind.equals("all") || kind.equals("fire") == s.groundTruth(site, 0).drainExpected()).toList();
        int pool = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        Path state = Files.createTempDirectory("firebreak-evaluate");
        try {
            Evaluator evaluator = new Evaluator(site, scenarios, seeds, pool, benignRoomHours, state);
            evaluator.fromSeed(firstSeed);
            if (thresholdOverrides != null) {
                evaluator.withThresholds(thresholdOverrides);
            }
            if (plots != null) {
                evaluator.plotsTo(plots);
            }
            if (sensitivity) {
                if (throughBrokers || thresholdOverrides != null || plots != null) {
                    throw new IllegalArgumentException("--sensitivity: varies the default thresholds in process; leave out "
                            + "--through-brokers, --threshold and --plots");
                }
                return evaluator.sensitivity(vary == null ? Sensitivity.MAIN : vary, step, System.out, out) ? 0 : 1;
            }
            if (vary != null) {
                throw new IllegalArgumentException("--vary: only with --sensitivity");
            }
            if (throughBrokers) {
                Path file = inventory;
                if (file == null) {
                    file = state.resolve("site.yaml");
                    try (InputStream in = EvaluateCommand.class.getResourceAsStream("/inventory/pangyo.yaml")) {
                        Files.write(file, in.readAllBytes());
                    }
                }
                evaluator.throughBrokers(file, detectInstances);
            }
            return evaluator.run(System.out, out) ? 0 : 1;
        } finally {
            try (Stream<Path> paths = Files.walk(state)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
