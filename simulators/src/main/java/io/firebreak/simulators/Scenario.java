package io.firebreak.simulators;

import io.firebreak.telemetry.inventory.SiteInventory;

/**
 * A named incident or look-alike played on a simulated site. Event times are relative to the scenario's
 * start so one scenario can be placed anywhere in time. Scenarios are stateless: what varies with the
 * seed (which cell, how fast) is derived from {@link SiteSimulator#seed()}.
 */
public interface Scenario {

    String name();

    /** One line for {@code simulate --list}: what happens and what a correct system does. */
    String summary();

    /** How long the scenario runs at most, in ms of event time. */
    long durationMs();

    /** What really happens when the scenario starts at {@code start}, on {@code site}. */
    GroundTruth groundTruth(SiteInventory site, long start);

    /** Disturbs the simulation before the step at {@code start + elapsedMs}. */
    void apply(SiteSimulator simulator, long elapsedMs);

    /** The ground truth for a seed; scenarios whose timing depends on the seed override this. */
    default GroundTruth groundTruth(SiteInventory site, long start, long seed) {
        return groundTruth(site, start);
    }

    /**
     * True when vents, runaway, fire and power loss follow from the physics: {@link ScenarioRun} then
     * completes the ground truth by simulating the run once without making messages.
     */
    default boolean physicsDriven() {
        return false;
    }

    /** True once nothing more of interest happens (the run may end early). */
    default boolean finished(SiteSimulator simulator, long elapsedMs) {
        return false;
    }

    /** What a correct system does, in words. */
    default String expectedOutcome() {
        return "see summary";
    }
}
