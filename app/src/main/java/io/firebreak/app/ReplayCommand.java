package io.firebreak.app;

import io.firebreak.simulators.MqttPublisher;
import io.firebreak.simulators.Progress;
import io.firebreak.simulators.Recording;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code firebreak replay FILE}: publishes a JSONL recording (from {@code simulate --record}) at any speed. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Publishes a recording made by `firebreak simulate --record` over MQTT, at any speed. With the "
                + "pipeline in replay time mode, the decisions are those of the live run.")
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    PublishOptions publish;

    @Parameters(index = "0", paramLabel = "FILE", description = "The JSONL recording.")
    Path file;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("FILE: cannot read " + file);
        }
        SiteInventory site = publish.site();
        Path truth = Recording.groundTruthFile(file);
        if (Files.exists(truth)) {
            System.out.println("ground truth: " + Files.readString(truth).strip());
        }
        long start = Recording.start(file);
        AtomicLong published = new AtomicLong();
        try (MqttPublisher publisher = new MqttPublisher(publish.mqtt, "firebreak-replay", site, publish.layout(), publish.gatewayPasswords())) {
            publisher.play(Recording.read(file), start, publish.pace(), (message, wall) -> published.incrementAndGet(),
                    new Progress(System.err, start, Duration.ofSeconds(5)));
        }
        System.out.printf("published %d messages from %s%n", published.get(), file);
        return 0;
    }
}
