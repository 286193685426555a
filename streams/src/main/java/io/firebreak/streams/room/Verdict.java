package io.firebreak.streams.room;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;

/** What the room decider emits: an alert (level change) or a drain decision, exactly one of them. */
public record Verdict(Alert alert, DrainDecision decision) {

    public Verdict {
        if ((alert == null) == (decision == null)) {
            throw new IllegalArgumentException("verdict: exactly one of alert or decision");
        }
    }
}
