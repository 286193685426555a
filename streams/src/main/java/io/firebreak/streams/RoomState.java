package io.firebreak.streams;

import io.firebreak.telemetry.decision.RiskLevel;
import java.util.Map;
import java.util.Objects;

/**
 * What detection knows about one room: its level, the open incident (if any) and the signals that are
 * still current, by identity; the latest median temperature of each rack; and the open sensor faults.
 * Bounded: one entry per signal source that is currently abnormal, per rack and per faulty sensor.
 *
 * @param lastHeard     event time of the room's latest reading seen by detection
 * @param lastHeardWall wall-clock time that reading was processed (live-mode silence)
 * @param racks         per rack, its latest median probe temperature
 * @param faults        per faulty sensor (signal identity), its open fault
 */
public record RoomState(RiskLevel level, String incidentId, long incidentStart, String drainId, Map<String, Signal> active,
                        long lastHeard, long lastHeardWall, Map<String, RackTemperature> racks, Map<String, SensorFault> faults) {

    /** A rack's median probe temperature at event time {@code ts}. */
    public record RackTemperature(double celsius, long ts) {
    }

    /** An open sensor fault: its alert id, when it was first seen and its latest signal. */
    public record SensorFault(String id, long since, Signal latest) {

        public SensorFault {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(latest, "latest");
        }
    }

    public RoomState {
        active = Map.copyOf(active);
        racks = racks == null ? Map.of() : Map.copyOf(racks);
        faults = faults == null ? Map.of() : Map.copyOf(faults);
    }

    /** A room as first seen: normal, nothing known. */
    static RoomState normal() {
        return new RoomState(RiskLevel.NORMAL, null, 0, null, Map.of(), 0, 0, Map.of(), Map.of());
    }

    /** The same room, back to normal, still remembering when it was last heard, its racks and its faults. */
    RoomState cleared() {
        return new RoomState(RiskLevel.NORMAL, null, 0, null, Map.of(), lastHeard, lastHeardWall, racks, faults);
    }

    RoomState heard(long ts, long wall) {
        return new RoomState(level, incidentId, incidentStart, drainId, active, Math.max(lastHeard, ts), wall, racks, faults);
    }

    RoomState withActive(Map<String, Signal> signals) {
        return new RoomState(level, incidentId, incidentStart, drainId, signals, lastHeard, lastHeardWall, racks, faults);
    }

    RoomState withRacks(Map<String, RackTemperature> temperatures) {
        return new RoomState(level, incidentId, incidentStart, drainId, active, lastHeard, lastHeardWall, temperatures, faults);
    }

    RoomState withFaults(Map<String, SensorFault> open) {
        return new RoomState(level, incidentId, incidentStart, drainId, active, lastHeard, lastHeardWall, racks, open);
    }

    /** True while the room's gateway is reported dead: silence is never treated as resolved. */
    boolean dark() {
        return active.values().stream().anyMatch(s -> s.evidence().family().equals("telemetry"));
    }
}
