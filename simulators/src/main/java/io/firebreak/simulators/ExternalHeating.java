package io.firebreak.simulators;

import java.util.Random;

/**
 * External heating, as in a UL 9540A unit-level test: a heater against two cells of a module ramps at
 * 4-7 C/min (seed) until the first cell runs away, then is switched off; the heat has soaked the module,
 * so the runaway propagates to the neighbour cells and modules.
 */
final class ExternalHeating extends IncidentScenario {

    static final long ONSET_MS = 5 * 60_000L;
    static final double HEATER_W_PER_K = 4.0;

    @Override
    public String name() {
        return "external-heating";
    }

    @Override
    public String summary() {
        return "a heater against two cells ramps at 4-7 C/min: runaway after about 45 min, then propagation to neighbours; expect: drain before power loss";
    }

    @Override
    public long durationMs() {
        return 3 * 3_600_000L;
    }

    @Override
    long onsetMs(long seed) {
        return ONSET_MS;
    }

    @Override
    void disturb(RoomSim room, Target target, Random params, long t) {
        double ratePerMin = 4 + params.nextDouble() * 3;
        if (t < ONSET_MS) {
            return;
        }
        ModuleState module = room.module(target.rack(), target.module());
        int first = Math.min(target.cell(), module.cellT.length - 2);
        boolean off = module.runaway[first] || module.runaway[first + 1];
        double plate = RoomSim.SETPOINT + ratePerMin * (t - ONSET_MS) / 60_000.0;
        for (int c = first; c <= first + 1; c++) {
            double watts = off ? 0 : Math.max(0, HEATER_W_PER_K * (plate - module.cellT[c]));
            room.heater(target.rack(), target.module(), c, watts);
        }
    }
}
