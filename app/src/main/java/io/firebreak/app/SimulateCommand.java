package io.firebreak.app;

import io.firebreak.simulators.GroundTruth;
import io.firebreak.simulators.MqttPublisher;
import io.firebreak.simulators.Progress;
import io.firebreak.simulators.Recording;
import io.firebreak.simulators.Scenario;
import io.firebreak.simulators.ScenarioRun;
import io.firebreak.simulators.Scenarios;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code firebreak simulate}: publishes a scenario over MQTT as a room's gateways would. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Publishes a simulated scenario over MQTT (QoS 1, Paho v5) per the wire contract.")
final class SimulateCommand implements Callable<Integer> {

    @Mixin
    PublishOptions publish;

    @Option(names = "--list", description = "List the scenarios and their expected outcome, then exit.")
    boolean list;

    @Option(names = "--scenario", defaultValue = "pangyo-2022", description = "Scenario name (default ${DEFAULT-VALUE}).")
    String scenarioName;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--record", description = "Also write what is published as JSONL (and FILE.groundtruth.json).")
    Path record;

    @Override
    public Integer call() throws Exception {
        if (list) {
            Scenarios.all().forEach(s -> System.out.printf("%-26s %-26s %s%n", s.name(), s.expectedOutcome(), s.summary()));
            return 0;
        }
        Scenario scenario = Scenarios.byName(scenarioName).orElseThrow(() -> new IllegalArgumentException(
                "--scenario: unknown '" + scenarioName + "'; see firebreak simulate --list"));
        SiteInventory site = publish.site();
        TopicLayout layout = publish.layout();
        ScenarioRun run = new ScenarioRun(site, scenario, layout, System.currentTimeMillis(), seed);
        GroundTruth truth = run.groundTruth();
        System.out.println("ground truth: " + truth.toJson());
        AtomicLong published = new AtomicLong();
        Progress progress = new Progress(System.err, run.start(), Duration.ofSeconds(5));
        try (MqttPublisher publisher = new MqttPublisher(publish.mqtt, "firebreak-sim", site, layout, publish.gatewayPasswords())) {
            if (record != null) {
                // write first, then publish the recording: what was published is exactly what is on file
                Recording.write(record, run, progress);
                System.out.printf("recorded %s and %s%n", record, Recording.groundTruthFile(record));
                publisher.play(Recording.read(record), run.start(), publish.pace(),
                        (message, wall) -> published.incrementAndGet(), Progress.NONE);
            } else {
                publisher.play(run, run.start(), publish.pace(), (message, wall) -> published.incrementAndGet(), progress);
            }
        }
        System.out.printf("published %d messages of %s (seed %d)%n", published.get(), scenario.name(), seed);
        return 0;
    }
}
