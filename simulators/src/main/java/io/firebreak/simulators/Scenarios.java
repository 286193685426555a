package io.firebreak.simulators;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scenario library: the Pangyo fire, four physics-driven incidents (slow internal short,
 * overcharge, external heating, off-gas before any probe), a healthy hour and eleven benign
 * look-alikes. Every one is deterministic for a seed and has a ground truth.
 */
public final class Scenarios {

    /** Normal operation before the slow internal short begins, in the library version. */
    public static final long SLOW_SHORT_LEAD_MS = 10 * 60_000L;

    private static final List<Scenario> ALL = build();

    private Scenarios() {
    }

    private static List<Scenario> build() {
        List<Scenario> all = new ArrayList<>(List.of(new Pangyo2022(), new Healthy(), slowInternalShort(SLOW_SHORT_LEAD_MS),
                new Overcharge(), new ExternalHeating(), new OffGasFirst()));
        all.addAll(LookAlikes.all());
        return List.copyOf(all);
    }

    public static List<Scenario> all() {
        return ALL;
    }

    public static Optional<Scenario> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The slow internal short with {@code leadMs} of normal operation first (tests compress it). */
    public static Scenario slowInternalShort(long leadMs) {
        return new InternalShort(leadMs);
    }
}
