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

    @Option(names = "--gateway-credentials", description = "Log each room's connection in as the room's gateway, with the "
            + "password in MQTT_PASSWORD_<GATEWAY> (e.g. MQTT_PASSWORD_GW_B3, as deploy/mosquitto/make-passwd.sh writes to deploy/.env); "
            + "a broker with the shipped ACL lets it publish only into that room.")
    boolean gatewayCredentials;

    /** The password each room's gateway logs in with, or null (anonymous) without --gateway-credentials. */
    java.util.function.Function<String, String> gatewayPasswords() {
        if (!gatewayCredentials) {
            return gateway -> null;
        }
        return gateway -> {
            String variable = passwordVariable(gateway);
            String password = System.getenv(variable);
            if (password == null || password.isBlank()) {
                throw new IllegalArgumentException("--gateway-credentials: environment variable " + variable + " is not set");
            }
            return password;
        };
    }

    /** {@code gw-b3} to {@code MQTT_PASSWORD_GW_B3}: the variable make-passwd.sh writes. */
    static String passwordVariable(String gateway) {
        return "MQTT_PASSWORD_" + gateway.toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace('.', '_');
    }

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
