package io.firebreak.streams;

import io.firebreak.telemetry.decision.RiskLevel;
import java.util.Map;

/**
 * What detection knows about one room: its level, the open incident (if any) and the signals that are
 * still current, by identity. Bounded: one entry per signal source that is currently abnormal.
 *
 * @param lastHeard     event time of the room's latest reading seen by detection
 * @param lastHeardWall wall-clock time that reading was processed (live-mode silence)
 */
public record RoomState(RiskLevel level, String incidentId, long incidentStart, String drainId, Map<String, Signal> active,
                        long lastHeard, long lastHeardWall) {

    public RoomState {
        active = Map.copyOf(active);
    }

    static RoomState normal() {
        return new RoomState(RiskLevel.NORMAL, null, 0, null, Map.of(), 0, 0);
    }

    /** The same room, back to normal, still remembering when it was last heard. */
    RoomState cleared() {
        return new RoomState(RiskLevel.NORMAL, null, 0, null, Map.of(), lastHeard, lastHeardWall);
    }

    RoomState heard(long ts, long wall) {
        return new RoomState(level, incidentId, incidentStart, drainId, active, Math.max(lastHeard, ts), wall);
    }

    RoomState withActive(Map<String, Signal> signals) {
        return new RoomState(level, incidentId, incidentStart, drainId, signals, lastHeard, lastHeardWall);
    }

    /** True while the room's gateway is reported dead: silence is never treated as resolved. */
    boolean dark() {
        return active.values().stream().anyMatch(s -> s.evidence().family().equals("telemetry"));
    }
}
