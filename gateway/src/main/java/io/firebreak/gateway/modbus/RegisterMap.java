package io.firebreak.gateway.modbus;

import io.firebreak.telemetry.contract.DeviceKind;
import java.util.List;
import java.util.Objects;

/**
 * What a Modbus device's registers mean, per module: the contract kind it publishes ({@code bms} for a rack
 * controller, {@code env} for a gas or smoke controller) and one {@link Point} per contract field. Loaded and
 * validated from YAML by {@link RegisterMapLoader}; immutable.
 *
 * @param sunspec true when points are addressed inside SunSpec models found by walking the model chain
 */
public record RegisterMap(String name, DeviceKind kind, boolean sunspec, List<Point> points) {

    public RegisterMap {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("points: a map needs at least one point");
        }
    }
}
