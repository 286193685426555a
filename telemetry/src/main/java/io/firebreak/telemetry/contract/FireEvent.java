package io.firebreak.telemetry.contract;

import java.util.Objects;

/** One event of a fire alarm or suppression panel; {@code zone} may be null when the panel sent none. */
public record FireEvent(String zone, FireEventType event) implements Measurement {

    public FireEvent {
        Objects.requireNonNull(event, "event");
    }
}
