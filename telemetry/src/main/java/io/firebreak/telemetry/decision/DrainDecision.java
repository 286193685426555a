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
 * @param uncorroborated true when the decision rests on one device's decisive message (a listed fire panel's
 *                   alarm) and nothing else in the room showed anything in the minute before: still a drain
 *                   (that is what panels are for), but the traffic team and the pager see it marked (issue 15)
 */
public record DrainDecision(String id, String type, String site, String room, List<String> scope, List<String> tenants,
                            RiskLevel severity, String reason, List<Evidence> evidence, long detectedAt,
                            boolean uncorroborated) {

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

    /** A decision that other evidence corroborates (or that needs none: a release). */
    public DrainDecision(String id, String type, String site, String room, List<String> scope, List<String> tenants,
                         RiskLevel severity, String reason, List<Evidence> evidence, long detectedAt) {
        this(id, type, site, room, scope, tenants, severity, reason, evidence, detectedAt, false);
    }

    /** The same decision marked as resting on one uncorroborated device. */
    public DrainDecision asUncorroborated() {
        return new DrainDecision(id, type, site, room, scope, tenants, severity, reason, evidence, detectedAt, true);
    }
}
