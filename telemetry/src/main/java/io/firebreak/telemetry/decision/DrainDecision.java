package io.firebreak.telemetry.decision;

import java.util.List;
import java.util.Objects;

/**
 * A decision to drain (or release) the data halls a battery room powers. Stable {@code id} per decision:
 * every delivery of it carries the same id (contract section 5).
 *
 * @param type       {@code drain.requested} or {@code drain.released}
 * @param scope      data halls to drain, from the inventory's power map
 * @param tenants    tenants whose services run in those halls
 * @param detectedAt event time at which the pipeline decided, epoch ms
 */
public record DrainDecision(String id, String type, String site, String room, List<String> scope, List<String> tenants,
                            RiskLevel severity, String reason, List<Evidence> evidence, long detectedAt) {

    public static final String REQUESTED = "drain.requested";
    public static final String RELEASED = "drain.released";

    public DrainDecision {
        Objects.requireNonNull(id, "id");
        if (!REQUESTED.equals(type) && !RELEASED.equals(type)) {
            throw new IllegalArgumentException("type: must be drain.requested or drain.released, was " + type);
        }
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(reason, "reason");
        scope = List.copyOf(scope);
        tenants = List.copyOf(tenants);
        evidence = List.copyOf(evidence);
    }
}
