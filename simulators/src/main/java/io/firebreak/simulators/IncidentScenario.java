package io.firebreak.simulators;

import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.Room;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.util.Random;

/**
 * Base of the scenarios whose fire follows the cell physics: the scenario only plants a fault; vents,
 * runaway, propagation, smoke, the fire panel and the power loss come from the simulation, and the
 * ground truth's stage times are observed in a dry run. A correct system drains before the power loss.
 * Plays on the first room with racks, env sensors, a fire panel and power devices.
 */
abstract class IncidentScenario implements Scenario {

    static final long AFTER_DARK_MS = 60_000;

    /** Where the fault is planted. */
    record Target(String rack, int module, int cell) {
    }

    @Override
    public final boolean physicsDriven() {
        return true;
    }

    @Override
    public String expectedOutcome() {
        return "drain before power loss";
    }

    /** When the fault begins, ms after the start, for a seed. */
    abstract long onsetMs(long seed);

    /** Plants and evolves the fault at {@code t} ms after the start. */
    abstract void disturb(RoomSim room, Target target, Random params, long t);

    /** The faulty cell; by default anywhere in the room. */
    Target target(Room room, Random params) {
        Rack rack = room.racks().get(params.nextInt(room.racks().size()));
        return new Target(rack.id(), params.nextInt(rack.modules()), 1 + params.nextInt(Math.max(1, rack.cellsPerModule() - 2)));
    }

    final Random params(long seed) {
        return new Random(seed * 1_000_003L + name().hashCode());
    }

    @Override
    public GroundTruth groundTruth(SiteInventory site, long start) {
        return groundTruth(site, start, 1);
    }

    @Override
    public GroundTruth groundTruth(SiteInventory site, long start, long seed) {
        return new GroundTruth(name(), Pangyo2022.room(site).id(), start + onsetMs(seed), null, null, null, true, null,
                null, null, null, expectedOutcome());
    }

    @Override
    public void apply(SiteSimulator simulator, long t) {
        Room room = Pangyo2022.room(simulator.site());
        RoomSim sim = simulator.room(room.id());
        if (t == 0) {
            sim.automaticFireResponse(true);
        }
        Random params = params(simulator.seed());
        Target target = target(room, params);
        disturb(sim, target, params, t);
    }

    @Override
    public boolean finished(SiteSimulator simulator, long elapsedMs) {
        Long dark = simulator.events().roomDark;
        return dark != null && simulator.now() - dark >= AFTER_DARK_MS;
    }
}
