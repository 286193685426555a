package io.firebreak.app;

import io.firebreak.ingest.BrokerAcl;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code firebreak mqtt-acl}: prints the Mosquitto ACL file for a site inventory (each room's gateway may
 * publish only into its own room, ingest may only read); {@code deploy/mosquitto/acl} is its output for the
 * shipped inventory.
 */
@Command(name = "mqtt-acl", mixinStandardHelpOptions = true,
        description = "Prints a Mosquitto ACL file made from the site inventory: each room's gateway publishes only into its room, ingest only reads.")
final class MqttAclCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--config", description = "firebreak.yaml: its inventory, topic prefix and mqtt.username.")
        Path config;

        @Option(names = "--inventory", description = "A site inventory file, or classpath:/inventory/pangyo.yaml for the shipped example.")
        String inventory;
    }

    @ArgGroup(multiplicity = "1")
    Source source;

    @Option(names = "--ingest-user", description = "The MQTT user ingest connects as (default: mqtt.username of --config, else "
            + BrokerAcl.INGEST_USER + ").")
    String ingestUser;

    @Override
    public Integer call() {
        SiteInventory inventory;
        TopicLayout layout;
        String user = ingestUser;
        if (source.config != null) {
            FirebreakConfig config = new ConfigLoader().load(source.config);
            inventory = config.inventory();
            layout = config.layout();
            user = user != null ? user : config.ingest().username();
        } else {
            InventoryLoader loader = new InventoryLoader(System::getenv);
            inventory = source.inventory.startsWith("classpath:") ? loader.loadResource(source.inventory.substring("classpath:".length()))
                    : loader.load(Path.of(source.inventory));
            layout = TopicLayout.defaults();
        }
        System.out.print(BrokerAcl.of(inventory, layout, user != null ? user : BrokerAcl.INGEST_USER));
        return 0;
    }
}
