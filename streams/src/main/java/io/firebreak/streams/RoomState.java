package io.firebreak.streams;

import io.firebreak.telemetry.decision.RiskLevel;
import java.util.Map;

/**
 * What detection knows about one room: its level, the open incident (if any) and the signals that are
 * still current, by identity. Bounded: one entry per signal source that is currently abnormal.
 */
public record RoomState(RiskLevel level, String incidentId, long incidentStart, String drainId, Map<String, Signal> active) {

    public RoomState {
        active = Map.copyOf(active);
    }

    static RoomState normal() {
        return new RoomState(RiskLevel.NORMAL, null, 0, null, Map.of());
    }

    /** True while the room's gateway is reported dead: silence is never treated as resolved. */
    boolean dark() {
        return active.values().stream().anyMatch(s -> s.evidence().family().equals("telemetry"));
    }
}
