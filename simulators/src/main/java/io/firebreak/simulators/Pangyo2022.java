package io.firebreak.simulators;

import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.inventory.Room;
import io.firebreak.telemetry.inventory.SiteInventory;

/**
 * The SK C&amp;C Pangyo fire of 15 October 2022, compressed: a minute of normal operation, then a cell
 * of the first rack ignites with no BMS precursor; off-gas and smoke rise in its zone within seconds,
 * the fire panel pre-alarms, alarms and releases gas within a minute; one UPS path loses its output
 * three minutes after ignition (the partial power cut of 15:22) and the room goes dark a minute later.
 * A correct system drains the halls the room feeds before that power loss.
 *
 * <p>Plays on the first room of the inventory that has racks, env sensors, a fire panel and power
 * devices (in the shipped example: B3-battery).
 */
public final class Pangyo2022 implements Scenario {

    static final long IGNITION = 60_000;
    static final long POWER_LOSS = IGNITION + 180_000;
    static final long DARK = IGNITION + 240_000;
    private static final int BURNING_MODULE = 3;

    @Override
    public String name() {
        return "pangyo-2022";
    }

    @Override
    public String summary() {
        return "ignition with no BMS precursor, smoke and fire alarm within a minute, gas release, partial power loss at +3 min, room dark at +4 min; expect: drain before the power loss";
    }

    @Override
    public long durationMs() {
        return DARK + 30_000;
    }

    @Override
    public GroundTruth groundTruth(SiteInventory site, long start) {
        return new GroundTruth(name(), room(site).id(), start + IGNITION, start + IGNITION, start + POWER_LOSS,
                start + DARK, true, start + POWER_LOSS, start + IGNITION + 3_000, start + IGNITION, start + IGNITION + 45_000,
                expectedOutcome());
    }

    @Override
    public String expectedOutcome() {
        return "drain before power loss";
    }

    static Room room(SiteInventory site) {
        return site.rooms().stream()
                .filter(r -> !r.racks().isEmpty() && !r.envSensors().isEmpty() && !r.firePanels().isEmpty() && !r.powerDevices().isEmpty())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("pangyo-2022 needs a room with racks, env sensors, a fire panel and power devices"));
    }

    @Override
    public void apply(SiteSimulator simulator, long t) {
        Room room = room(simulator.site());
        RoomSim sim = simulator.room(room.id());
        if (t < IGNITION || sim.dark) {
            return;
        }
        double s = (t - IGNITION) / 1000.0;
        String rack = room.racks().get(0).id();
        burn(sim, rack, s);
        String zoneSensor = room.envSensors().get(0).id();
        RoomSim.EnvState gas = sim.env(zoneSensor);
        // electrolyte vapour first, then CO and H2, then smoke that builds to fire level within a minute
        gas.vocPpm = Math.min(400, Math.max(0, (s - 3) * 6));
        gas.coPpm = 1 + Math.min(300, Math.max(0, (s - 8) * 3));
        gas.h2Ppm = Math.min(200, Math.max(0, (s - 12) * 2));
        gas.smoke = 0.003 + Math.min(8.0, Math.max(0, s - 10) * Math.max(0, s - 10) * 0.0015);
        gas.airT = sim.ambient + Math.min(40, s * 0.15);
        Room.FirePanel panel = room.firePanels().get(0);
        String zone = panel.zones().isEmpty() ? room.id() : panel.zones().get(0);
        if (t == IGNITION + 25_000) {
            sim.panelEvent(panel.id(), zone, FireEventType.PRE_ALARM);
        } else if (t == IGNITION + 45_000) {
            sim.panelEvent(panel.id(), zone, FireEventType.ALARM);
        } else if (t == IGNITION + 60_000) {
            sim.panelEvent(panel.id(), zone, FireEventType.SUPPRESSION_RELEASED);
        }
        if (t >= POWER_LOSS) {
            // the first UPS path fails: servers on it lose power (the partial cut of 15:22)
            RoomSim.PowerState ups = sim.power(room.powerDevices().get(0).id());
            ups.onBattery = true;
            ups.outputOn = false;
            ups.breakerClosed = false;
        }
        if (t >= DARK) {
            sim.goDark();
        }
    }

    /** The burning module: one cell runs away at once, its neighbours follow over the next minutes. */
    private static void burn(RoomSim sim, String rack, double s) {
        double[] temps = sim.cellTemperatures(rack, BURNING_MODULE);
        double[] volts = sim.cellVoltages(rack, BURNING_MODULE);
        int origin = temps.length / 2;
        for (int c = 0; c < temps.length; c++) {
            double delay = Math.abs(c - origin) * 20.0;
            double local = s - delay;
            if (local <= 0) {
                continue;
            }
            // runaway: tens of degrees a second to several hundred degrees, voltage collapsing to zero;
            // scripted, as the fire recorded at Pangyo, not left to the cell model
            sim.script(rack, BURNING_MODULE, c);
            double peak = 650 - Math.abs(c - origin) * 20;
            temps[c] = Math.max(temps[c], Math.min(peak, 25 + local * local * 6));
            volts[c] = Math.max(0, 3.33 * (1 - local / 8));
        }
    }
}
