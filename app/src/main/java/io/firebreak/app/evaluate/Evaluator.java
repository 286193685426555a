package io.firebreak.app.evaluate;

import io.firebreak.alerting.PagerRouter;
import io.firebreak.embedded.MosquittoServer;
import java.time.Clock;

import io.firebreak.simulators.GroundTruth;
import io.firebreak.simulators.Scenario;
import io.firebreak.simulators.ScenarioRun;
import io.firebreak.simulators.SimMessage;
import io.firebreak.streams.DetectionConfig;
import io.firebreak.streams.ThresholdOverrides;
import io.firebreak.streams.Thresholds;
import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code firebreak evaluate}: replays the scenario library over a seed sweep through the real detection
 * topology and judges each run against its ground truth (see {@link RunResult}): fire scenarios must
 * drain before their power loss, and five minutes before the runaway when a sensor could see the fault
 * that early; benign ones must not drain at all. A benign soak can follow the sweep until the benign runs
 * add up to a number of room-hours. Runs are independent and run on a fixed pool of threads, each with
 * its own {@code TopologyTestDriver} and state directory; rows come out in plan order (scenario, then
 * seed) whatever order the runs finish in. Prints and writes the table; {@link #run} says whether every
 * expectation was met.
 */
public final class Evaluator {

    /** Runs start here in event time: 15 October 2022, 15:18:05 KST. */
    private static final long START = 1_665_814_685_000L;

    private final SiteInventory site;
    private final List<Scenario> scenarios;
    private final int seeds;
    /** The first seed of the sweep (1 unless {@link #fromSeed} moved it): a sweep can be resumed or split. */
    private long firstSeed = 1;
    private final int threads;
    private final double benignRoomHours;
    private final Path stateDir;
    private final TopicLayout layout = TopicLayout.defaults();
    private final ContractParser parser = new ContractParser(layout);
    private final PagerRouter pager;
    /** Set by {@link #throughBrokers}: runs go through real brokers instead of {@code TopologyTestDriver}. */
    private Path brokerInventory;
    private int detectInstances = 1;
    private BrokerReplay brokers;
    /** The detection thresholds every run uses (the defaults unless {@link #withThresholds} set others). */
    private Thresholds thresholds = Thresholds.defaults();
    /** Set by {@link #plotsTo}: every run is also drawn there as a PNG. */
    private Path plots;

    /** One run to make: a scenario and a seed. */
    record Planned(Scenario scenario, long seed) {
    }

    public Evaluator(SiteInventory site, List<Scenario> scenarios, int seeds, int threads, double benignRoomHours, Path stateDir) {
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds: must be >= 1, was " + seeds);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads: must be >= 1, was " + threads);
        }
        if (!(benignRoomHours >= 0) || Double.isInfinite(benignRoomHours)) {
            throw new IllegalArgumentException("--benign-room-hours: must be a number >= 0, was " + benignRoomHours);
        }
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("--scenario/--only: no scenario left to evaluate");
        }
        this.site = site;
        this.scenarios = List.copyOf(scenarios);
        this.seeds = seeds;
        this.threads = threads;
        this.benignRoomHours = benignRoomHours;
        this.stateDir = stateDir;
        this.pager = new PagerRouter(site, Clock.systemUTC());
        if (benignRoomHours > 0 && benign().isEmpty()) {
            throw new IllegalArgumentException("--benign-room-hours: no benign scenario among those selected");
        }
    }

    /**
     * The runs, sorted by scenario (in the order given) and seed: seeds 1 to {@code seeds} of every
     * scenario, then benign runs, cycling the benign scenarios with seeds continuing after {@code seeds},
     * until the benign runs cover {@code benignRoomHours}.
     */
    List<Planned> plan() {
        List<Planned> plan = new ArrayList<>();
        double hours = 0;
        for (Scenario scenario : scenarios) {
            for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
                plan.add(new Planned(scenario, seed));
                hours += benign(scenario) ? roomHours(scenario) : 0;
            }
        }
        List<Scenario> benign = benign();
        for (long seed = firstSeed + seeds; hours < benignRoomHours; seed++) {
            for (int i = 0; i < benign.size() && hours < benignRoomHours; i++) {
                plan.add(new Planned(benign.get(i), seed));
                hours += roomHours(benign.get(i));
            }
        }
        plan.sort(Comparator.comparingInt((Planned p) -> scenarios.indexOf(p.scenario())).thenComparingLong(Planned::seed));
        return plan;
    }

    /**
     * Runs through the real brokers: Mosquitto (a process), a fresh KRaft broker per run, and
     * {@code firebreak up}'s ingest and {@code instances} detection instances, publishing each run over MQTT
     * as fast as possible (see {@link BrokerReplay}). Runs then go one at a time.
     */
    public Evaluator throughBrokers(Path inventoryFile, int instances) {
        if (plots != null) {
            throw new IllegalArgumentException("--plots: runs through the brokers are not drawn; leave out --through-brokers");
        }
        this.brokerInventory = inventoryFile;
        this.detectInstances = instances;
        return this;
    }

    /** Starts the sweep at seed {@code first} instead of 1 (seeds {@code first} to {@code first + seeds - 1}). */
    public Evaluator fromSeed(long first) {
        if (first < 1) {
            throw new IllegalArgumentException("--first-seed: must be >= 1, was " + first);
        }
        this.firstSeed = first;
        return this;
    }

    /**
     * Runs detection with {@code overrides} applied to the default thresholds ({@code detect.thresholds} keys, e.g.
     * {@code voc_ppm=16}): how the leads and the false drains move when a threshold moves (a sensitivity sweep).
     */
    public Evaluator withThresholds(java.util.Map<String, String> overrides) {
        this.thresholds = ThresholdOverrides.apply(overrides);
        return this;
    }

    /**
     * Draws every run into {@code dir} as {@code <scenario>-seed<N>.png} (see {@link RunPlot}): the incident room's
     * probes, cell voltage, off-gas and smoke against the ground truth's moments, the alerts and the drain.
     */
    public Evaluator plotsTo(Path dir) {
        if (brokerInventory != null) {
            throw new IllegalArgumentException("--plots: runs through the brokers are not drawn; leave out --through-brokers");
        }
        this.plots = dir;
        return this;
    }

    /**
     * The sensitivity sweep (see {@link Sensitivity}): the plan once with the defaults and once per variant of
     * {@code keys}; writes the table to {@code table}. True when the defaults' runs all passed.
     */
    public boolean sensitivity(List<String> keys, double step, PrintStream out, Path table) throws IOException {
        List<Sensitivity.Variant> variants = Sensitivity.variants(keys, step);
        long began = System.nanoTime();
        List<Sensitivity.Row> rows = Sensitivity.sweep(this, variants, out);
        Files.createDirectories(table.toAbsolutePath().getParent());
        Files.writeString(table, SensitivityTable.render(rows, describePlan()));
        out.printf(Locale.ROOT, "settings=%d runs_per_setting=%d wall_s=%.1f threads=%d%n", variants.size(), plan().size(),
                (System.nanoTime() - began) / 1e9, threads);
        out.printf(Locale.ROOT, "table written to %s%n", table);
        return rows.get(0).results().stream().allMatch(RunResult::passed);
    }

    /** The plan in words: each scenario with its seeds, and the benign room-hours one setting watches. */
    String describePlan() {
        List<Planned> plan = plan();
        java.util.Map<String, List<Long>> seedsOf = new java.util.LinkedHashMap<>();
        plan.forEach(p -> seedsOf.computeIfAbsent(p.scenario().name(), k -> new ArrayList<>()).add(p.seed()));
        double hours = plan.stream().filter(p -> benign(p.scenario())).mapToDouble(p -> roomHours(p.scenario())).sum();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Each setting ran these %d runs (site `%s`, %d rooms; "
                + "%.1f benign room-hours):", plan.size(), site.site(), site.rooms().size(), hours));
        seedsOf.forEach((name, seeds) -> text.append(String.format(Locale.ROOT, " `%s` seed%s %s;", name, seeds.size() == 1 ? "" : "s",
                seeds.size() == 1 ? seeds.get(0) : seeds.get(0) + "-" + seeds.get(seeds.size() - 1))));
        text.setLength(text.length() - 1);
        return text.append('.').toString();
    }

    /** Evaluates, prints the table to {@code out}, writes it to {@code table}; true when all runs passed. */
    public boolean run(PrintStream out, Path table) throws IOException {
        if (brokerInventory == null) {
            return runAll(out, table, threads);
        }
        try (MosquittoServer mosquitto = MosquittoServer.start()) {
            brokers = new BrokerReplay(mosquitto.serverUri(), brokerInventory, stateDir, detectInstances);
            return runAll(out, table, 1);
        } finally {
            brokers = null;
        }
    }

    /**
     * Every planned run's result in plan order (in-process topology driver only), each row printed to {@code out} as
     * its turn comes: what a sensitivity sweep collects once per threshold setting.
     */
    List<RunResult> results(PrintStream out) throws IOException {
        return results(out, threads);
    }

    private List<RunResult> results(PrintStream out, int threads) throws IOException {
        List<Planned> plan = plan();
        List<RunResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, plan.size()), workers());
        try {
            // submitted in plan order, so rows can be printed as soon as their turn comes
            List<Future<RunResult>> futures = plan.stream().map(p -> pool.submit(() -> evaluate(p.scenario(), p.seed()))).toList();
            for (Future<RunResult> future : futures) {
                RunResult result = await(future);
                results.add(result);
                out.println(EvaluationTable.row(result));
            }
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    private boolean runAll(PrintStream out, Path table, int threads) throws IOException {
        long began = System.nanoTime();
        List<RunResult> results = results(out, threads);
        String text = EvaluationTable.render(results);
        Files.createDirectories(table.toAbsolutePath().getParent());
        Files.writeString(table, text);
        out.println();
        out.print(EvaluationTable.perScenario(results));
        out.println();
        out.print(EvaluationTable.summary(results));
        double seconds = (System.nanoTime() - began) / 1e9;
        double roomHours = results.stream().mapToDouble(RunResult::roomHours).sum();
        boolean allBenign = results.stream().noneMatch(RunResult::drainExpected);
        // wall-clock figures go to the console only: the written table stays the same from run to run
        out.printf(Locale.ROOT, "wall_s=%.1f threads=%d path=%s%s%n", seconds, threads,
                brokers == null ? "topology_test_driver" : "brokers detect_instances=" + detectInstances, allBenign && roomHours > 0
                ? String.format(Locale.ROOT, " wall_s_per_room_hour=%.1f", seconds / roomHours) : "");
        out.printf(Locale.ROOT, "table written to %s%n", table);
        return results.stream().allMatch(RunResult::passed);
    }

    private RunResult evaluate(Scenario scenario, long seed) throws IOException, InterruptedException {
        Path runState = Files.createTempDirectory(stateDir, "run");
        try {
            DetectionConfig config = DetectionConfig.of(KafkaSettings.local("unused:9092"), site, TimeMode.REPLAY, runState)
                    .withThresholds(thresholds);
            ScenarioRun run = new ScenarioRun(site, scenario, layout, START, seed);
            ReplayDriver.Outcome outcome;
            if (brokers != null) {
                outcome = brokers.replay(run);
            } else {
                outcome = new ReplayDriver(config, parser).replay(run);
            }
            if (plots != null) {
                draw(run, outcome);
            }
            return RunResult.judge(run.groundTruth(), START, scenario.durationMs(), site.rooms().size(), seed, outcome, pager);
        } finally {
            // a soak makes hundreds of runs: each one's RocksDB state goes as soon as it is judged
            delete(runState);
        }
    }

    /** The room a plot shows: the scenario's incident or look-alike room, else the site's first. */
    private String plotRoom(Scenario scenario) {
        String room = scenario.groundTruth(site, START).room();
        return room != null ? room : site.rooms().get(0).id();
    }

    /** Simulates {@code run} once more (a run is deterministic and simulating is cheap beside detection) to trace and draw it. */
    private void draw(ScenarioRun run, ReplayDriver.Outcome outcome) throws IOException {
        Scenario scenario = run.scenario();
        RunTrace trace = new RunTrace(plotRoom(scenario), START, Math.max(5_000, scenario.durationMs() / 720));
        for (List<SimMessage> batch : run) {
            for (SimMessage message : batch) {
                parser.parse(message.topic(), message.payload(), message.ts()).reading().ifPresent(trace);
            }
        }
        GroundTruth truth = run.groundTruth();
        Long drain = outcome.decisions().stream().filter(d -> d.room().equals(trace.room())).map(d -> d.detectedAt() - START)
                .min(Long::compare).orElse(null);
        String title = String.format(Locale.ROOT, "%s, seed %d, room %s: %s", truth.scenario(), run.seed(), trace.room(),
                drain == null ? "no drain" : "drain at " + EvaluationTable.time(drain)
                        + (truth.runaway() == null ? "" : ", " + EvaluationTable.time(Math.abs(truth.runaway() - START - drain))
                        + (truth.runaway() - START >= drain ? " before" : " after") + " the runaway"));
        RunPlot.write(RunPlot.charts(trace, truth, START, outcome.alerts(), outcome.decisions(), title),
                plots.resolve(truth.scenario() + "-seed" + run.seed() + ".png"));
    }

    private List<Scenario> benign() {
        return scenarios.stream().filter(this::benign).toList();
    }

    private boolean benign(Scenario scenario) {
        return !scenario.groundTruth(site, START).drainExpected();
    }

    private double roomHours(Scenario scenario) {
        return RunResult.roomHours(site.rooms().size(), scenario.durationMs());
    }

    private static RunResult await(Future<RunResult> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluate: interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("evaluate: a run failed", cause);
        }
    }

    private static ThreadFactory workers() {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "evaluate-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Best effort: what is left is removed with the whole state directory when the command ends. */
    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // the command's own clean-up gets another go at it
        }
    }
}
