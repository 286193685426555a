package io.firebreak.streams;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;

/** What the room decider emits: an alert (level change) or a drain decision, exactly one of them. */
record Verdict(Alert alert, DrainDecision decision) {

    Verdict {
        if ((alert == null) == (decision == null)) {
            throw new IllegalArgumentException("verdict: exactly one of alert or decision");
        }
    }
}
