package io.firebreak.app.bench;

import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.Room;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes what {@code firebreak up} reads for a generated site: the inventory as YAML (the same shape as
 * the shipped example) and a {@code firebreak.yaml} pointing at the benchmark's brokers. Drain targets
 * and the pager point at the benchmark's own loopback receiver (or a closed loopback port, with alerting
 * running dry): a benchmark must not page or drain anybody.
 */
final class GeneratedSiteFiles {

    /** Clearly fake: base64 of "EXAMPLE-ONLY-bench-do-not-use". */
    static final String FAKE_SECRET = "whsec_RVhBTVBMRS1PTkxZLWJlbmNoLWRvLW5vdC11c2U=";

    private GeneratedSiteFiles() {
    }

    /** The inventory of {@code site} as YAML that {@code InventoryLoader} reads back to an equal site. */
    static String inventoryYaml(SiteInventory site) {
        return inventoryYaml(site, java.net.URI.create("http://127.0.0.1:1"));
    }

    /** As {@link #inventoryYaml(SiteInventory)}, with the drain target and the pager under {@code receiver}. */
    static String inventoryYaml(SiteInventory site, java.net.URI receiver) {
        StringBuilder y = new StringBuilder();
        y.append("site: ").append(site.site()).append('\n');
        y.append("name: ").append(site.name()).append('\n');
        y.append("halls:\n");
        site.hallTenants().forEach((hall, tenants) ->
                y.append("  ").append(hall).append(": { tenants: ").append(list(tenants)).append(" }\n"));
        y.append("rooms:\n");
        for (Room room : site.rooms()) {
            y.append("  - id: ").append(room.id()).append('\n');
            y.append("    name: ").append(room.name()).append('\n');
            y.append("    gateway: ").append(room.gateway()).append('\n');
            y.append("    feeds: ").append(list(room.feeds())).append('\n');
            y.append("    racks:\n");
            for (Rack rack : room.racks()) {
                y.append("      - { id: ").append(rack.id()).append(", zone: ").append(rack.zone())
                        .append(", modules: ").append(rack.modules()).append(", cells_per_module: ").append(rack.cellsPerModule())
                        .append(", probes_per_module: ").append(rack.probesPerModule()).append(" }\n");
            }
            y.append("    env_sensors:\n");
            room.envSensors().forEach(s -> y.append("      - { id: ").append(s.id()).append(", zone: ").append(s.zone()).append(" }\n"));
            y.append("    fire_panels:\n");
            room.firePanels().forEach(p -> y.append("      - { id: ").append(p.id()).append(", zones: ").append(list(p.zones())).append(" }\n"));
            y.append("    power_devices:\n");
            room.powerDevices().forEach(d -> y.append("      - { id: ").append(d.id()).append(", kind: ").append(d.kind()).append(" }\n"));
        }
        List<String> tenants = site.hallTenants().values().stream().flatMap(List::stream).distinct().sorted().toList();
        y.append("drain_targets:\n");
        y.append("  - id: bench-traffic\n");
        y.append("    url: ").append(receiver).append("/drain/bench-traffic\n");
        y.append("    secret: ").append(FAKE_SECRET).append("   # fake\n");
        y.append("    tenants: ").append(list(tenants)).append('\n');
        y.append("pager:\n");
        y.append("  url: ").append(receiver).append("/pager\n");
        y.append("  routing_key: EXAMPLE-bench-routing-key\n");
        return y.toString();
    }

    /** A {@code firebreak.yaml} for {@code up}: every service, live time, state under {@code stateDir}. */
    static String configYaml(Path inventory, String mqttUri, String bootstrap, String influxUrl, Path stateDir) {
        return configYaml(inventory, mqttUri, bootstrap, influxUrl, stateDir, true);
    }

    /** As above; {@code dryRun} false sends webhooks and pages (to the benchmark's own receiver). */
    static String configYaml(Path inventory, String mqttUri, String bootstrap, String influxUrl, Path stateDir, boolean dryRun) {
        StringBuilder y = new StringBuilder();
        y.append("inventory: ").append(inventory.toAbsolutePath()).append('\n');
        y.append("time_mode: live\n");
        y.append("mqtt:\n  server_uri: ").append(mqttUri).append("\n  client_id: bench-ingest-1\n");
        y.append("kafka:\n  bootstrap_servers: ").append(bootstrap).append("\n  partitions: 6\n  replication: 1\n");
        y.append("detect:\n  application_id: bench-detect\n  state_dir: ").append(stateDir.toAbsolutePath()).append('\n');
        y.append("alerting:\n  group_id: bench-alerting\n  dry_run: ").append(dryRun).append('\n');
        if (influxUrl != null) {
            y.append("influx:\n  url: ").append(influxUrl).append("\n  database: firebreak\n  group_id: bench-sink\n");
        }
        return y.toString();
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
    }

    private static String list(List<String> values) {
        return values.stream().collect(Collectors.joining(", ", "[", "]"));
    }
}
