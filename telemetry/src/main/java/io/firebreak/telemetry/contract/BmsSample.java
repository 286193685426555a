package io.firebreak.telemetry.contract;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One sample of all cells of a module. Lists may hold nulls where a cell or probe has no reading;
 * they are unmodifiable.
 */
public record BmsSample(List<Double> cellV, List<Double> cellT, Double currentA, Double soc) implements Measurement {

    public BmsSample {
        cellV = Collections.unmodifiableList(new java.util.ArrayList<>(Objects.requireNonNullElse(cellV, List.of())));
        cellT = Collections.unmodifiableList(new java.util.ArrayList<>(Objects.requireNonNullElse(cellT, List.of())));
    }
}
