package io.firebreak.simulators;

import io.firebreak.telemetry.contract.TopicLayout;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A scenario placed at a start time on a site, as a lazy sequence of one-second batches of messages in
 * event-time order. The same site, scenario, start and seed always give the same messages.
 */
public final class ScenarioRun implements Iterable<List<SimMessage>> {

    private final Variation variation;
    private final SiteInventory site;
    private final Scenario scenario;
    private final TopicLayout layout;
    private final long start;
    private final long seed;
    private GroundTruth truth;

    public ScenarioRun(SiteInventory site, Scenario scenario, TopicLayout layout, long start, long seed) {
        this(site, scenario, layout, start, seed, Variation.of(seed));
    }

    /** A run with {@code variation} instead of the seed's own (e.g. {@link Variation#nominal()} to look at one shape of a scenario). */
    public ScenarioRun(SiteInventory site, Scenario scenario, TopicLayout layout, long start, long seed, Variation variation) {
        this.variation = variation;
        this.site = site;
        this.scenario = scenario;
        this.layout = layout;
        this.start = start;
        this.seed = seed;
    }

    /**
     * What happens in this run. For a physics-driven scenario the stage times (vent, runaway, fire,
     * power loss, dark) are observed in a run of the simulation; for every fire scenario that run also
     * watches what the incident room publishes, for when a sensor could first have seen the fault. When
     * this run has already been iterated to its end, that iteration was the observation; otherwise the run
     * is simulated once more, its messages discarded.
     */
    public synchronized GroundTruth groundTruth() {
        if (truth == null) {
            GroundTruth base = base();
            if (observed(base)) {
                Iterator<List<SimMessage>> dryRun = iterator();
                while (dryRun.hasNext()) {
                    dryRun.next();
                }
            } else {
                truth = base;
            }
        }
        return truth;
    }

    private GroundTruth base() {
        return scenario.groundTruth(site, start, seed);
    }

    private boolean observed(GroundTruth base) {
        return scenario.physicsDriven() || base.drainExpected() && base.room() != null;
    }

    /** A simulation of this run has reached its end: its observations complete the ground truth. */
    private synchronized void observedToTheEnd(GroundTruth base, SiteSimulator simulator) {
        if (truth == null) {
            truth = base.withObserved(simulator.events());
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    public long start() {
        return start;
    }

    public long seed() {
        return seed;
    }

    public SiteInventory site() {
        return site;
    }

    /** Every message of the run, in order (fine for short scenarios and tests). */
    public List<SimMessage> messages() {
        List<SimMessage> all = new ArrayList<>();
        forEach(all::addAll);
        return all;
    }

    @Override
    public Iterator<List<SimMessage>> iterator() {
        SiteSimulator simulator = new SiteSimulator(site, layout, seed, variation);
        GroundTruth base = base();
        boolean observe = observed(base) && !hasTruth();
        if (observe && base.room() != null) {
            simulator.watchVisibility(base.room());
        }
        return new Iterator<>() {
            private long elapsed = -SiteSimulator.STEP_MS;

            @Override
            public boolean hasNext() {
                long nextElapsed = elapsed + SiteSimulator.STEP_MS;
                boolean more = nextElapsed <= scenario.durationMs() && !scenario.finished(simulator, nextElapsed);
                if (!more && observe) {
                    observedToTheEnd(base, simulator);
                }
                return more;
            }

            @Override
            public List<SimMessage> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                elapsed += SiteSimulator.STEP_MS;
                List<SimMessage> batch = new ArrayList<>();
                if (elapsed == 0) {
                    batch.addAll(simulator.gatewaysOnline(start));
                }
                scenario.apply(simulator, elapsed);
                batch.addAll(simulator.step(start + elapsed));
                return batch;
            }
        };
    }

    private synchronized boolean hasTruth() {
        return truth != null;
    }
}
