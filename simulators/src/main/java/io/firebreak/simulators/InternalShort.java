package io.firebreak.simulators;

import java.util.Random;

/**
 * A slow internal short: after {@code leadMs} of normal float, a cell's separator starts to fail. The
 * short's resistance halves every 15-25 minutes (seed), so for hours the cell only self-discharges a
 * little (a few mV of sag on a flat LFP curve) and runs a few degrees warm; then the short and the heat
 * feed each other, the cell reaches SEI breakdown, vents and runs away, and the fire spreads.
 */
final class InternalShort extends IncidentScenario {

    private final long leadMs;

    InternalShort(long leadMs) {
        this.leadMs = leadMs;
    }

    @Override
    public String name() {
        return "slow-internal-short";
    }

    @Override
    public String summary() {
        return "an internal short grows over hours: self-discharge, slight sag, a cell a few degrees warm, then vent, runaway, fire; expect: drain before power loss";
    }

    @Override
    public long durationMs() {
        return leadMs + 6 * 3_600_000L;
    }

    @Override
    long onsetMs(long seed) {
        return leadMs;
    }

    @Override
    void disturb(RoomSim room, Target target, Random params, long t) {
        double initialOhm = 15 + params.nextDouble() * 15;
        double halvingMs = (15 + params.nextDouble() * 10) * 60_000 / room.variation.growth();
        if (t < leadMs) {
            return;
        }
        double ohms = Math.max(0.01, initialOhm * Math.pow(2, -(t - leadMs) / halvingMs));
        room.internalShort(target.rack(), target.module(), target.cell(), ohms);
    }
}
