package io.firebreak.app;

import io.firebreak.simulators.MqttPublisher;
import io.firebreak.simulators.Progress;
import io.firebreak.simulators.Recording;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code firebreak replay FILE}: publishes a JSONL recording (from {@code simulate --record}) at any speed. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Publishes a recording made by `firebreak simulate --record` over MQTT, at any speed. With the "
                + "pipeline in replay time mode, the decisions are those of the live run.")
final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The JSONL recording.")
    Path file;

    @Option(names = "--mqtt", defaultValue = "tcp://127.0.0.1:1883", description = "MQTT broker URI (default ${DEFAULT-VALUE}).")
    String mqtt;

    @Option(names = "--inventory", description = "Site inventory YAML (default: the shipped Pangyo example).")
    Path inventory;

    @Option(names = "--topic-prefix", defaultValue = TopicLayout.DEFAULT_PREFIX, description = "Topic prefix (default ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--speed", defaultValue = "1", description = "Times real time (default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--as-fast-as-possible", description = "Publish without pacing.")
    boolean asFastAsPossible;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("FILE: cannot read " + file);
        }
        InventoryLoader loader = new InventoryLoader();
        SiteInventory site = inventory == null ? loader.loadResource("/inventory/pangyo.yaml") : loader.load(inventory);
        Path truth = Recording.groundTruthFile(file);
        if (Files.exists(truth)) {
            System.out.println("ground truth: " + Files.readString(truth).strip());
        }
        long start = Recording.start(file);
        AtomicLong published = new AtomicLong();
        try (MqttPublisher publisher = new MqttPublisher(mqtt, "firebreak-replay", site, new TopicLayout(prefix))) {
            publisher.play(Recording.read(file), start, asFastAsPossible ? 0 : speed, (message, wall) -> published.incrementAndGet(),
                    new Progress(System.err, start, Duration.ofSeconds(5)));
        }
        System.out.printf("published %d messages from %s%n", published.get(), file);
        return 0;
    }
}
