package io.firebreak.simulators;

import io.firebreak.telemetry.inventory.SiteInventory;

/** A normal hour: every room healthy, cells on float charge. A correct system does nothing. */
public final class Healthy implements Scenario {

    @Override
    public String name() {
        return "healthy";
    }

    @Override
    public String summary() {
        return "every room healthy for an hour, cells on float charge; expect: no alert, no drain";
    }

    @Override
    public long durationMs() {
        return 3_600_000;
    }

    @Override
    public GroundTruth groundTruth(SiteInventory site, long start) {
        return new GroundTruth(name(), null, null, null, null, null, false, null);
    }

    @Override
    public String expectedOutcome() {
        return "no drain";
    }

    @Override
    public void apply(SiteSimulator simulator, long elapsedMs) {
        // nothing happens: that is the point
    }
}
