package io.firebreak.simulators;

import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.Room;
import java.util.Random;

/**
 * A fast internal short in the cell farthest from any probe of its module: the probes beside it see a
 * few per cent of its heat, so the zone's off-gas sensor smells the vent minutes before any probe shows
 * a rise a detector could trust; then runaway and fire.
 */
final class OffGasFirst extends IncidentScenario {

    @Override
    public String name() {
        return "offgas-before-probe";
    }

    @Override
    public String summary() {
        return "the failing cell sits between probes: VOC from its vent is the first sign, probes see it late; runaway and fire follow; expect: drain before power loss";
    }

    @Override
    public long durationMs() {
        return 90 * 60_000L;
    }

    @Override
    long onsetMs(long seed) {
        return 120_000;
    }

    @Override
    Target target(Room room, Random params) {
        Rack rack = room.racks().get(params.nextInt(room.racks().size()));
        return new Target(rack.id(), params.nextInt(rack.modules()), betweenProbes(rack));
    }

    /** The cell farthest from every probe's position. */
    static int betweenProbes(Rack rack) {
        int best = 0;
        double bestDistance = -1;
        for (int c = 0; c < rack.cellsPerModule(); c++) {
            double nearest = Double.MAX_VALUE;
            for (int p = 0; p < rack.probesPerModule(); p++) {
                double centre = (rack.firstCellOfProbe(p) + rack.endCellOfProbe(p) - 1) / 2.0;
                nearest = Math.min(nearest, Math.abs(c - centre));
            }
            if (nearest > bestDistance) {
                bestDistance = nearest;
                best = c;
            }
        }
        return best;
    }

    @Override
    void disturb(RoomSim room, Target target, Random params, long t) {
        double initialOhm = 1.0 + params.nextDouble() * 0.5;
        double halvingMs = (4 + params.nextDouble() * 2) * 60_000 / room.variation.growth();
        if (t < onsetMs(0)) {
            return;
        }
        double ohms = Math.max(0.01, initialOhm * Math.pow(2, -(t - onsetMs(0)) / halvingMs));
        room.internalShort(target.rack(), target.module(), target.cell(), ohms);
    }
}
