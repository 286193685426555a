package io.firebreak.simulators;

import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.Room;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Simulates a whole site of battery rooms, one sample per module, sensor and power device per second,
 * and lets a {@link Scenario} disturb it. The physics (cells, module air, room air, gases, fire
 * response) is stepped by {@link RoomSim}; this class turns its state into contract messages, with
 * measurement noise quantised like a real BMS (0.1 C, 1 mV), probe faults, and each room's gateway
 * link. Physics and measurement draw from separate random streams, so the physics is the same whether
 * or not messages are made. Deterministic for a seed.
 */
public final class SiteSimulator {

    static final long STEP_MS = 1000;

    private final SiteInventory site;
    private final long seed;
    private final Random noise;
    private final Map<String, RoomSim> rooms = new HashMap<>();
    private final MessageEncoder encoder;
    private final EventLog events = new EventLog();
    private final Variation variation;
    private Visibility visibility;
    private long now = Long.MIN_VALUE;

    public SiteSimulator(SiteInventory site, TopicLayout layout, long seed) {
        this(site, layout, seed, Variation.of(seed));
    }

    /** A simulation of {@code seed} with {@code variation} as its physics. */
    public SiteSimulator(SiteInventory site, TopicLayout layout, long seed, Variation variation) {
        this.site = site;
        this.variation = variation;
        this.seed = seed;
        Random physics = new Random(seed);
        this.noise = new Random(seed * 0x9E3779B97F4A7C15L + 1);
        for (Room room : site.rooms()) {
            rooms.put(room.id(), new RoomSim(room, physics, variation));
        }
        this.encoder = new MessageEncoder(site.site(), layout, noise, variation);
    }

    public SiteInventory site() {
        return site;
    }

    /** The seed of this simulation: scenarios derive their parameters (which cell, how fast) from it. */
    public long seed() {
        return seed;
    }

    /** The physics this seed drew (see {@link Variation}). */
    public Variation variation() {
        return variation;
    }

    /** The simulated state of a room, for scenarios to disturb. */
    public RoomSim room(String roomId) {
        RoomSim room = rooms.get(roomId);
        if (room == null) {
            throw new IllegalArgumentException("room: no room '" + roomId + "' in site " + site.site());
        }
        return room;
    }

    EventLog events() {
        return events;
    }

    /**
     * Watches what {@code roomId} publishes from the next step on, and logs when a sensor could first have
     * seen a fault there (see {@link Visibility}).
     */
    void watchVisibility(String roomId) {
        room(roomId);
        visibility = new Visibility(roomId, events);
    }

    /** The event time of the last step, or {@code Long.MIN_VALUE} before the first. */
    long now() {
        return now;
    }

    /** The retained online status of every gateway, published first. */
    public List<SimMessage> gatewaysOnline(long ts) {
        List<SimMessage> out = new ArrayList<>();
        for (Room room : site.rooms()) {
            if (room.gateway() != null) {
                out.add(gatewayStatus(room, ts, true));
            }
        }
        return out;
    }

    /** The gateway status message of a room ({@code online=false} is also its Last Will). */
    public SimMessage gatewayStatus(Room room, long ts, boolean online) {
        return encoder.gateway(room, ts, online);
    }

    /** Advances the physics one step to event time {@code ts} without making messages. */
    void advance(long ts) {
        now = ts;
        for (Room room : site.rooms()) {
            RoomSim sim = rooms.get(room.id());
            if (!sim.dark) {
                sim.physics(ts, STEP_MS / 1000.0, events);
                observePower(sim, ts);
            }
            if (sim.dark) {
                events.dark(ts);
            }
        }
    }

    /** Advances one step to event time {@code ts} and returns what every live device publishes. */
    public List<SimMessage> step(long ts) {
        now = ts;
        List<SimMessage> out = new ArrayList<>();
        for (Room room : site.rooms()) {
            RoomSim sim = rooms.get(room.id());
            if (!sim.dark) {
                sim.physics(ts, STEP_MS / 1000.0, events);
                observePower(sim, ts);
            }
            if (sim.dark) {
                events.dark(ts);
                if (!sim.darkAnnounced && room.gateway() != null) {
                    // what the broker publishes as the gateway's Last Will when its power goes
                    out.add(gatewayStatus(room, ts, false));
                    sim.darkAnnounced = true;
                }
                continue;
            }
            Visibility watch = visibility != null && visibility.watching(room.id()) ? visibility : null;
            List<SimMessage> produced = new ArrayList<>();
            for (Rack rack : room.racks()) {
                ModuleState[] modules = sim.modules.get(rack.id());
                for (int m = 0; m < modules.length; m++) {
                    boolean due = variation.samplePeriodS() == 1
                            || Math.floorMod(ts / STEP_MS + rack.id().hashCode() + m, variation.samplePeriodS()) == 0;
                    if (due && (sim.silentDevices.isEmpty() || !sim.silentDevices.contains(rack.id() + "/" + m))) {
                        produced.add(encoder.bms(room, rack, m, modules[m], sim.probeFaults, ts, watch));
                    }
                }
            }
            for (Room.EnvSensor sensor : room.envSensors()) {
                produced.add(encoder.env(room, sensor.id(), sim.env(sensor.id()), ts, watch));
            }
            for (Room.PowerDevice device : room.powerDevices()) {
                produced.add(encoder.power(room, device.id(), sim.power(device.id()), sim.loadKw / room.powerDevices().size(), ts));
            }
            for (RoomSim.PanelEvent event : sim.drainPanelEvents()) {
                produced.add(encoder.fire(room, event, ts));
                if (watch != null) {
                    watch.panel(event.panel(), event.type(), ts);
                }
            }
            if (watch != null) {
                watch.endStep(room, ts);
            }
            out.addAll(sim.link.process(produced, ts,
                    room.gateway() == null ? null : online -> gatewayStatus(room, ts, online), noise));
        }
        return out;
    }

    private void observePower(RoomSim sim, long ts) {
        for (Room.PowerDevice device : sim.room.powerDevices()) {
            if (!sim.power(device.id()).outputOn) {
                events.powerLoss(ts);
            }
        }
    }
}
