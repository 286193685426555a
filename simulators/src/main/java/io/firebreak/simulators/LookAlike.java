package io.firebreak.simulators;

import io.firebreak.telemetry.inventory.Room;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.util.Random;
import java.util.function.Function;

/**
 * A benign scenario that looks like trouble to a naive detector (a grid outage, an HVAC failure, a
 * faulty probe, a dying gateway, maintenance): a correct system does not drain. What varies with the
 * seed (which rack, module or probe) is drawn from {@code params} in the same order at every step.
 */
final class LookAlike implements Scenario {

    /** Disturbs the room at {@code t} ms after the start. */
    @FunctionalInterface
    interface Action {
        void apply(RoomSim room, Random params, long t);
    }

    private final String name;
    private final String summary;
    private final long durationMs;
    private final long onsetMs;
    private final Function<SiteInventory, Room> room;
    private final Action action;

    LookAlike(String name, String summary, long durationMs, long onsetMs, Function<SiteInventory, Room> room, Action action) {
        this.name = name;
        this.summary = summary;
        this.durationMs = durationMs;
        this.onsetMs = onsetMs;
        this.room = room;
        this.action = action;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return summary + "; expect: no drain";
    }

    @Override
    public long durationMs() {
        return durationMs;
    }

    @Override
    public String expectedOutcome() {
        return "no drain";
    }

    @Override
    public GroundTruth groundTruth(SiteInventory site, long start) {
        return GroundTruth.benign(name, room.apply(site).id(), start + onsetMs);
    }

    @Override
    public void apply(SiteSimulator simulator, long t) {
        RoomSim sim = simulator.room(room.apply(simulator.site()).id());
        action.apply(sim, new Random(simulator.seed() * 1_000_003L + name.hashCode()), t);
    }

    /** The last room of the site (in the example the small room B2): where gateway trouble is played. */
    static Room lastRoom(SiteInventory site) {
        return site.rooms().get(site.rooms().size() - 1);
    }
}
