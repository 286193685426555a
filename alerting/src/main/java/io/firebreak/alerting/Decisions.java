package io.firebreak.alerting;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.time.Clock;
import java.util.List;

/**
 * The decisions alerting makes itself: an early drain approved on a warning, and the release of a drain.
 * Their ids are derived from what they answer ({@code drn_w_<alert id>}, {@code rel_<drain id>}), so
 * publishing one twice (a retry, a restart, an operator and the all-clear at once) is still one decision.
 */
final class Decisions {

    private final SiteInventory inventory;
    private final Clock clock;

    Decisions(SiteInventory inventory, Clock clock) {
        this.inventory = inventory;
        this.clock = clock;
    }

    /** The stable id of the early drain for warning alert {@code alertId}. */
    static String earlyDrainId(String alertId) {
        return "drn_w_" + alertId;
    }

    /** The stable id of the release of {@code drainId}. */
    static String releaseId(String drainId) {
        return "rel_" + drainId;
    }

    /** A drain.requested for the halls the warning's room feeds, approved by {@code operator}. */
    DrainDecision earlyDrain(Alert warning, String operator) {
        List<String> halls = inventory.hallsFedBy(warning.room());
        String reason = "approved early by " + operator + " on warning " + warning.id()
                + (warning.summary() == null ? "" : ": " + warning.summary());
        return new DrainDecision(earlyDrainId(warning.id()), DrainDecision.REQUESTED, warning.site(), warning.room(),
                halls, inventory.tenantsIn(halls), RiskLevel.WARNING, reason, warning.evidence(), warning.detectedAt());
    }

    /** The drain.released for {@code drain}, to the same scope and tenants (so the same targets). */
    DrainDecision release(DrainDecision drain, String why) {
        return new DrainDecision(releaseId(drain.id()), DrainDecision.RELEASED, drain.site(), drain.room(), drain.scope(),
                drain.tenants(), RiskLevel.NORMAL, why, List.of(), clock.millis());
    }
}
