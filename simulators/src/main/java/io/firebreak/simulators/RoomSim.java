package io.firebreak.simulators;

import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.Room;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The simulated state of one battery room: its modules, room sensors, power devices and pending
 * fire-panel events. Scenarios change it; {@link SiteSimulator} turns it into messages.
 */
public final class RoomSim {

    final Room room;
    final Map<String, ModuleState[]> modules = new HashMap<>();
    private final Map<String, EnvState> env = new HashMap<>();
    private final Map<String, PowerState> power = new HashMap<>();
    private final List<PanelEvent> panelEvents = new ArrayList<>();
    double ambient = 23.0;
    boolean dark;
    boolean darkAnnounced;

    RoomSim(Room room, Random random) {
        this.room = room;
        for (Rack rack : room.racks()) {
            ModuleState[] rackModules = new ModuleState[rack.modules()];
            for (int m = 0; m < rackModules.length; m++) {
                rackModules[m] = new ModuleState(rack.cellsPerModule(), ambient, random);
            }
            modules.put(rack.id(), rackModules);
        }
        room.envSensors().forEach(s -> env.put(s.id(), new EnvState(ambient)));
        room.powerDevices().forEach(d -> power.put(d.id(), new PowerState()));
    }

    /** Healthy cells drift back towards ambient plus their offset (a first-order thermal model). */
    void relax(Random random) {
        for (ModuleState[] rack : modules.values()) {
            for (ModuleState module : rack) {
                for (int c = 0; c < module.cellT.length; c++) {
                    if (module.cellT[c] < 60) {
                        double target = ambient + 2.0 + module.offset[c];
                        module.cellT[c] += (target - module.cellT[c]) * 0.02 + random.nextGaussian() * 0.01;
                    }
                }
            }
        }
    }

    public Room room() {
        return room;
    }

    /** The cells of module {@code moduleIndex} (0-based) of {@code rack}. */
    public double[] cellTemperatures(String rack, int moduleIndex) {
        return module(rack, moduleIndex).cellT;
    }

    public double[] cellVoltages(String rack, int moduleIndex) {
        return module(rack, moduleIndex).cellV;
    }

    private ModuleState module(String rack, int moduleIndex) {
        ModuleState[] rackModules = modules.get(rack);
        if (rackModules == null || moduleIndex < 0 || moduleIndex >= rackModules.length) {
            throw new IllegalArgumentException("rack/module: no module " + moduleIndex + " in rack '" + rack + "' of room " + room.id());
        }
        return rackModules[moduleIndex];
    }

    public EnvState env(String sensor) {
        EnvState state = env.get(sensor);
        if (state == null) {
            throw new IllegalArgumentException("sensor: no env sensor '" + sensor + "' in room " + room.id());
        }
        return state;
    }

    public PowerState power(String device) {
        PowerState state = power.get(device);
        if (state == null) {
            throw new IllegalArgumentException("device: no power device '" + device + "' in room " + room.id());
        }
        return state;
    }

    /** Queues a fire-panel event for the next step. */
    public void panelEvent(String panel, String zone, FireEventType type) {
        panelEvents.add(new PanelEvent(panel, zone, type));
    }

    /** The room loses power to its telemetry: nothing more is published from it. */
    public void goDark() {
        dark = true;
    }

    List<PanelEvent> drainPanelEvents() {
        List<PanelEvent> events = List.copyOf(panelEvents);
        panelEvents.clear();
        return events;
    }

    /** Air, off-gas and smoke at one room sensor. */
    public static final class EnvState {
        public double airT;
        public double rh = 41.0;
        public double h2Ppm;
        public double coPpm = 1.0;
        public double vocPpm;
        public double smoke = 0.003;

        EnvState(double airT) {
            this.airT = airT;
        }
    }

    /** The state of a UPS or breaker. */
    public static final class PowerState {
        public boolean onBattery;
        public boolean outputOn = true;
        public boolean breakerClosed = true;
    }

    record PanelEvent(String panel, String zone, FireEventType type) {
    }
}
