package io.firebreak.app;

import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where and how fast {@code simulate} and {@code replay} publish: a picocli mixin shared by both. */
final class PublishOptions {

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

    SiteInventory site() {
        InventoryLoader loader = new InventoryLoader();
        return inventory == null ? loader.loadResource("/inventory/pangyo.yaml") : loader.load(inventory);
    }

    TopicLayout layout() {
        return new TopicLayout(prefix);
    }

    /** The publisher's speed: 0 publishes as fast as possible. */
    double pace() {
        return asFastAsPossible ? 0 : speed;
    }
}
