package io.firebreak.simulators;

import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.inventory.Chemistry;
import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.Room;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The simulated state of one battery room: its modules, room air and HVAC, the off-gas and smoke at its
 * sensors, its UPS and grid, its fire panels, the faults of its probes and the link of its gateway.
 * Scenarios change it through the public methods; {@link SiteSimulator} steps its physics and turns it
 * into messages.
 */
public final class RoomSim {

    static final double SETPOINT = 23.0;

    final Room room;
    final Map<String, ModuleState[]> modules = new HashMap<>();
    private final Map<String, EnvState> env = new HashMap<>();
    private final Map<String, PowerState> power = new HashMap<>();
    private final List<PanelEvent> panelEvents = new ArrayList<>();
    final Map<String, Double> chargeOverride = new HashMap<>();
    final Set<String> silentDevices = new HashSet<>();
    final ProbeFaults probeFaults = new ProbeFaults();
    final GatewayLink link = new GatewayLink();
    final FireResponse fire;
    final ZoneAir air;
    /** The physics this run's seed drew. */
    final Variation variation;
    double ambient = SETPOINT;
    boolean hvacOn = true;
    double loadKw;
    boolean dark;
    boolean darkAnnounced;

    RoomSim(Room room, Random random, Variation variation) {
        this.room = room;
        this.variation = variation;
        for (Rack rack : room.racks()) {
            ModuleState[] rackModules = new ModuleState[rack.modules()];
            for (int m = 0; m < rackModules.length; m++) {
                rackModules[m] = new ModuleState(rack.cellsPerModule(), ambient, random, variation, chemistry(rack));
            }
            modules.put(rack.id(), rackModules);
        }
        room.envSensors().forEach(s -> env.put(s.id(), new EnvState(ambient)));
        room.powerDevices().forEach(d -> power.put(d.id(), new PowerState()));
        loadKw = room.racks().size() * 37.0;
        fire = new FireResponse(this);
        air = new ZoneAir(this);
    }

    /** The cells of {@code rack}: the inventory's chemistry (NCA on the NMC curve), LFP when it declares none. */
    static Chemistry chemistry(Rack rack) {
        return rack.declaredChemistry().orElse(Chemistry.LFP);
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

    /** States of charge of the cells of a module (0..1, above 1 when overcharged). */
    public double[] cellSoc(String rack, int moduleIndex) {
        return module(rack, moduleIndex).soc;
    }

    /** The string current of a module, A (positive while charging). */
    public double current(String rack, int moduleIndex) {
        return module(rack, moduleIndex).currentA;
    }

    /** The air temperature of the room (what the HVAC controls). */
    public double airTemperature() {
        return ambient;
    }

    ModuleState module(String rack, int moduleIndex) {
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

    /** Turns the HVAC on or off; without it the room warms towards about 45 C. */
    public void hvac(boolean on) {
        hvacOn = on;
    }

    /** Grid present or lost: without grid every UPS runs on battery and the strings discharge. */
    public void grid(boolean up) {
        power.values().forEach(p -> p.onBattery = !up);
    }

    /** Marks a cell as driven by the scenario: its temperature and voltage are not integrated. */
    public void script(String rack, int moduleIndex, int cell) {
        module(rack, moduleIndex).scripted[cell] = true;
    }

    /** An internal short of {@code ohms} in a cell ({@code Double.POSITIVE_INFINITY}: none). */
    public void internalShort(String rack, int moduleIndex, int cell, double ohms) {
        module(rack, moduleIndex).shortOhm[cell] = ohms;
    }

    /** An external heater putting {@code watts} into a cell. */
    public void heater(String rack, int moduleIndex, int cell, double watts) {
        module(rack, moduleIndex).heaterW[cell] = watts;
    }

    /** A failed charger forces {@code amps} into every string of a rack; {@code null} ends it. */
    public void chargeOverride(String rack, Double amps) {
        if (amps == null) {
            chargeOverride.remove(rack);
        } else {
            chargeOverride.put(rack, amps);
        }
    }

    /** A fault of one temperature probe from the next sample on ({@code null} clears it). */
    public void probeFault(String rack, int moduleIndex, int probe, ProbeFault fault) {
        module(rack, moduleIndex);
        probeFaults.set(rack, moduleIndex, probe, fault);
    }

    /** A module replaced by one from the store: fresh cells at {@code tempC}, charged like their string. */
    public void replaceModule(String rack, int moduleIndex, double tempC) {
        ModuleState module = module(rack, moduleIndex);
        module.airT = tempC;
        for (int c = 0; c < module.cellT.length; c++) {
            module.cellT[c] = tempC + module.offset[c];
            module.soc[c] = 0.97;
            module.shortOhm[c] = Double.POSITIVE_INFINITY;
            module.heaterW[c] = 0;
        }
    }

    /** Stops (or resumes) the publishing of a module's BMS, as when it is switched off for maintenance. */
    public void moduleSilent(String rack, int moduleIndex, boolean silent) {
        String key = rack + "/" + moduleIndex;
        if (silent) {
            silentDevices.add(key);
        } else {
            silentDevices.remove(key);
        }
    }

    /** The gateway: online, dead (its Last Will fires, readings are lost) or disconnected (readings buffered). */
    public void gateway(GatewayLink.State state) {
        link.target = state;
    }

    /** Duplicated and out-of-order messages from this room's gateway, as probabilities per message. */
    public void messageFaults(double duplicate, double reorder) {
        link.duplicate = duplicate;
        link.reorder = reorder;
    }

    /** The fire panel and power follow the physics: smoke alarms, gas release, UPS path lost, room dark. */
    public void automaticFireResponse(boolean on) {
        fire.enabled = on;
    }

    List<PanelEvent> drainPanelEvents() {
        List<PanelEvent> events = List.copyOf(panelEvents);
        panelEvents.clear();
        return events;
    }

    /** Advances the room's physics by {@code dt} seconds to event time {@code ts}. */
    void physics(long ts, double dt, EventLog log) {
        ambient += hvacOn ? (SETPOINT - ambient) * dt / 300.0 : (45.0 - ambient) * dt / 3000.0;
        boolean discharging = power.values().stream().anyMatch(p -> p.onBattery && p.outputOn && p.breakerClosed);
        for (Rack rack : room.racks()) {
            ModuleState[] rackModules = modules.get(rack.id());
            double current = rackCurrent(rack, rackModules, discharging);
            for (int m = 0; m < rackModules.length; m++) {
                ModuleState module = rackModules[m];
                module.currentA = !silentDevices.isEmpty() && silentDevices.contains(rack.id() + "/" + m) ? 0 : current;
                double sum = 0;
                int n = 0;
                if (m > 0) {
                    sum += rackModules[m - 1].airT;
                    n++;
                }
                if (m < rackModules.length - 1) {
                    sum += rackModules[m + 1].airT;
                    n++;
                }
                module.step(dt, ambient, sum, n);
                if (module.newVents > 0) {
                    log.vent(room.id(), ts);
                }
                if (module.newRunaways > 0) {
                    log.runaway(room.id(), ts);
                }
            }
        }
        air.step(dt);
        fire.step(ts, log);
    }

    private double rackCurrent(Rack rack, ModuleState[] rackModules, boolean discharging) {
        Double forced = chargeOverride.get(rack.id());
        if (forced != null) {
            return forced;
        }
        if (discharging) {
            double stringV = rack.cells() * chemistry(rack).nominalV();
            return -loadKw * 1000.0 / room.racks().size() / stringV;
        }
        double soc = 0;
        for (ModuleState module : rackModules) {
            soc += module.meanSoc();
        }
        soc /= rackModules.length;
        // float charge: the charger tops the string up to 97.5 % and then holds it there
        return Math.max(0, Math.min(0.2 * CellPhysics.CAPACITY_AH, (0.975 - soc) * 200));
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
