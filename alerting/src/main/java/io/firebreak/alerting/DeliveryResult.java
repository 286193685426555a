package io.firebreak.alerting;

import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.inventory.DrainTarget;

/**
 * How one decision fared at one drain target.
 *
 * @param outcome the webhook's end
 * @param page    the end of the facility page sent because the webhook failed; null when none was needed
 */
public record DeliveryResult(DrainDecision decision, DrainTarget target, PostOutcome outcome, PostOutcome page) {

    /** True when nothing was cut short by a shutdown, so the decision need not be sent again. */
    public boolean finished() {
        return outcome.status() != PostOutcome.Status.STOPPED
                && (page == null || page.status() != PostOutcome.Status.STOPPED);
    }
}
