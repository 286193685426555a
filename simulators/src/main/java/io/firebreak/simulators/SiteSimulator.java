package io.firebreak.simulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.Room;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Simulates a whole site of battery rooms, one sample per module, sensor and power device per second,
 * and lets a {@link Scenario} disturb it. Healthy cells sit a couple of degrees above the room air with
 * small per-cell offsets and measurement noise quantised like a real BMS (0.1 C, 1 mV). Deterministic for
 * a seed.
 */
public final class SiteSimulator {

    static final long STEP_MS = 1000;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final SiteInventory site;
    private final TopicLayout layout;
    private final Random random;
    private final Map<String, RoomSim> rooms = new HashMap<>();
    private final Map<String, Long> seqs = new HashMap<>();

    public SiteSimulator(SiteInventory site, TopicLayout layout, long seed) {
        this.site = site;
        this.layout = layout;
        this.random = new Random(seed);
        for (Room room : site.rooms()) {
            rooms.put(room.id(), new RoomSim(room, random));
        }
    }

    public SiteInventory site() {
        return site;
    }

    /** The simulated state of a room, for scenarios to disturb. */
    public RoomSim room(String roomId) {
        RoomSim room = rooms.get(roomId);
        if (room == null) {
            throw new IllegalArgumentException("room: no room '" + roomId + "' in site " + site.site());
        }
        return room;
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
        ObjectNode body = JSON.createObjectNode().put("ts", ts).put("online", online);
        return message(DeviceAddress.of(site.site(), room.id(), DeviceKind.GATEWAY, room.gateway()), ts, body, true, false);
    }

    /** Advances one step to event time {@code ts} and returns what every live device publishes. */
    public List<SimMessage> step(long ts) {
        List<SimMessage> out = new ArrayList<>();
        for (Room room : site.rooms()) {
            RoomSim sim = rooms.get(room.id());
            if (sim.dark) {
                if (!sim.darkAnnounced && room.gateway() != null) {
                    // what the broker publishes as the gateway's Last Will when its power goes
                    out.add(gatewayStatus(room, ts, false));
                    sim.darkAnnounced = true;
                }
                continue;
            }
            sim.relax(random);
            for (Rack rack : room.racks()) {
                ModuleState[] modules = sim.modules.get(rack.id());
                for (int m = 0; m < modules.length; m++) {
                    out.add(message(DeviceAddress.bms(site.site(), room.id(), rack.id(), Rack.moduleId(m)), ts,
                            bms(rack, modules[m]), false, true));
                }
            }
            for (Room.EnvSensor sensor : room.envSensors()) {
                out.add(message(DeviceAddress.of(site.site(), room.id(), DeviceKind.ENV, sensor.id()), ts,
                        env(sim.env(sensor.id())), false, true));
            }
            for (Room.PowerDevice device : room.powerDevices()) {
                out.add(message(DeviceAddress.of(site.site(), room.id(), DeviceKind.POWER, device.id()), ts,
                        power(sim.power(device.id())), false, true));
            }
            for (RoomSim.PanelEvent event : sim.drainPanelEvents()) {
                ObjectNode body = JSON.createObjectNode().put("ts", ts);
                body.put("zone", event.zone()).put("event", event.type().wireName());
                out.add(message(DeviceAddress.of(site.site(), room.id(), DeviceKind.FIRE, event.panel()), ts, body, false, true));
            }
        }
        return out;
    }

    private ObjectNode bms(Rack rack, ModuleState module) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode volts = body.putArray("cell_v");
        for (double v : module.cellV) {
            volts.add(Math.max(0.0, Math.round((v + random.nextGaussian() * 0.001) * 1000) / 1000.0));
        }
        ArrayNode temps = body.putArray("cell_t");
        for (int p = 0; p < rack.probesPerModule(); p++) {
            // a probe reads the hottest cell it touches, quantised to 0.1 C
            double hottest = Double.NEGATIVE_INFINITY;
            for (int c = rack.firstCellOfProbe(p); c < rack.endCellOfProbe(p); c++) {
                hottest = Math.max(hottest, module.cellT[c]);
            }
            temps.add(Math.round((hottest + random.nextGaussian() * 0.05) * 10) / 10.0);
        }
        body.put("current_a", Math.round(module.currentA * 10) / 10.0).put("soc", Math.round(module.soc * 1000) / 1000.0);
        return body;
    }

    private ObjectNode env(RoomSim.EnvState env) {
        ObjectNode body = JSON.createObjectNode();
        body.put("air_t", Math.round((env.airT + random.nextGaussian() * 0.05) * 10) / 10.0);
        body.put("rh", Math.round(env.rh * 10) / 10.0);
        body.put("h2_ppm", Math.round(env.h2Ppm * 10) / 10.0);
        body.put("co_ppm", Math.round(Math.max(0, env.coPpm + random.nextGaussian() * 0.2) * 10) / 10.0);
        body.put("voc_ppm", Math.round(Math.max(0, env.vocPpm + random.nextGaussian() * 0.1) * 10) / 10.0);
        body.put("smoke_pct_m", Math.round(Math.max(0, env.smoke + random.nextGaussian() * 0.0005) * 10000) / 10000.0);
        return body;
    }

    private static ObjectNode power(RoomSim.PowerState power) {
        return JSON.createObjectNode()
                .put("on_battery", power.onBattery)
                .put("input_v", power.onBattery ? 0.0 : 380.0)
                .put("output_kw", power.outputOn ? 412.0 : 0.0)
                .put("output_on", power.outputOn)
                .put("battery_breaker_closed", power.breakerClosed);
    }

    private SimMessage message(DeviceAddress address, long ts, ObjectNode body, boolean retained, boolean withSeq) {
        ObjectNode full = JSON.createObjectNode().put("ts", ts);
        if (withSeq) {
            long seq = seqs.merge(address.deviceId(), 1L, Long::sum) - 1;
            full.put("seq", seq);
        }
        body.remove("ts");
        full.setAll(body);
        try {
            return new SimMessage(ts, layout.topicOf(address), JSON.writeValueAsBytes(full), retained);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
