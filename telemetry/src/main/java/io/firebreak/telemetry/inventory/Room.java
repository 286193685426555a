package io.firebreak.telemetry.inventory;

import java.util.List;
import java.util.Optional;

/**
 * A battery room: its racks and sensors, the gateway that publishes for it, and the data halls its UPS
 * feeds (the power map).
 */
public record Room(String id, String name, String gateway, List<String> feeds, List<Rack> racks,
                   List<EnvSensor> envSensors, List<FirePanel> firePanels, List<PowerDevice> powerDevices) {

    public Room {
        feeds = List.copyOf(feeds);
        racks = List.copyOf(racks);
        envSensors = List.copyOf(envSensors);
        firePanels = List.copyOf(firePanels);
        powerDevices = List.copyOf(powerDevices);
    }

    public Optional<Rack> rack(String rackId) {
        return racks.stream().filter(r -> r.id().equals(rackId)).findFirst();
    }

    public int cells() {
        return racks.stream().mapToInt(Rack::cells).sum();
    }

    /** A room sensor (air, off-gas, smoke) and the zone it watches. */
    public record EnvSensor(String id, String zone) {
    }

    /** A fire alarm / suppression panel and the zones it covers. */
    public record FirePanel(String id, List<String> zones) {
        public FirePanel {
            zones = List.copyOf(zones);
        }
    }

    /** A UPS, battery breaker or feeder meter. */
    public record PowerDevice(String id, String kind) {
    }
}
