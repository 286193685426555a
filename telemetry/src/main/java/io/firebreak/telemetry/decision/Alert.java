package io.firebreak.telemetry.decision;

import java.util.List;
import java.util.Objects;

/**
 * A room's risk level changed. One physical problem keeps one {@code id} from its first sign until it
 * clears, so pagers can deduplicate on it.
 *
 * @param detectedAt event time of the reading that changed the level, epoch ms
 */
public record Alert(String id, String site, String room, RiskLevel level, RiskLevel previous, String summary,
                    List<Evidence> evidence, long detectedAt) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(previous, "previous");
        evidence = List.copyOf(evidence);
    }

    /**
     * True for a fault alert (a stuck, missing or drifting probe, a fire-panel fault, a room gone silent,
     * detection lagging): its own problem, for the facility only; it says nothing about the room's risk
     * level, no drain may follow it and its end is no all-clear.
     */
    public boolean sensorFault() {
        return !evidence.isEmpty() && evidence.stream().allMatch(e -> SignalFamily.isFault(e.family()));
    }

    /** True when this alert closes the problem (back to normal). */
    public boolean resolved() {
        return level == RiskLevel.NORMAL;
    }
}
