package io.firebreak.simulators;

import io.firebreak.telemetry.inventory.SiteInventory;

/**
 * A named incident or look-alike played on a simulated site. Event times are relative to the scenario's
 * start so one scenario can be placed anywhere in time.
 */
public interface Scenario {

    String name();

    /** One line for {@code simulate --list}: what happens and what a correct system does. */
    String summary();

    /** How long the scenario runs, in ms of event time. */
    long durationMs();

    /** What really happens when the scenario starts at {@code start}, on {@code site}. */
    GroundTruth groundTruth(SiteInventory site, long start);

    /** Disturbs the simulation before the step at {@code start + elapsedMs}. */
    void apply(SiteSimulator simulator, long elapsedMs);
}
