package io.firebreak.simulators;

import io.firebreak.telemetry.inventory.Rack;
import java.util.Random;

/**
 * A charger (or its BMS cut-off) fails and keeps forcing 0.4-0.7 C into one rack. Past full charge the
 * cell voltages climb above 3.6 V, the charge goes into side reactions that heat the whole rack, plated
 * lithium makes the cells react earlier, and the weakest cell vents and runs away.
 */
final class Overcharge extends IncidentScenario {

    static final long ONSET_MS = 5 * 60_000L;

    @Override
    public String name() {
        return "overcharge";
    }

    @Override
    public String summary() {
        return "a failed charger overcharges one rack: cell voltages climb past 3.6 V, the rack warms, the weakest cell vents and runs away; expect: drain before power loss";
    }

    @Override
    public long durationMs() {
        return 4 * 3_600_000L;
    }

    @Override
    long onsetMs(long seed) {
        return ONSET_MS;
    }

    @Override
    void disturb(RoomSim room, Target target, Random params, long t) {
        double amps = (0.4 + params.nextDouble() * 0.3) * CellPhysics.CAPACITY_AH;
        if (t < ONSET_MS) {
            return;
        }
        room.chargeOverride(target.rack(), amps);
        Rack rack = room.room().rack(target.rack()).orElseThrow();
        for (int m = 0; m < rack.modules(); m++) {
            ModuleState module = room.module(rack.id(), m);
            for (int c = 0; c < module.soc.length; c++) {
                // lithium plated during overcharge lowers the temperature at which the cell reacts
                module.sensitisation[c] = Math.max(module.sensitisation[c], Math.min(60, (module.soc[c] - 1.0) * 200));
            }
        }
    }
}
