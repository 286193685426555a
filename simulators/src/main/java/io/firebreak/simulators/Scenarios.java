package io.firebreak.simulators;

import java.util.List;
import java.util.Optional;

/** The scenario library. */
public final class Scenarios {

    private static final List<Scenario> ALL = List.of(new Pangyo2022(), new Healthy());

    private Scenarios() {
    }

    public static List<Scenario> all() {
        return ALL;
    }

    public static Optional<Scenario> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
