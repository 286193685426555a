package io.firebreak.streams;

import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import java.util.Objects;

/**
 * One observation on its way from the per-rack analysis to its room's decision, keyed by room.
 *
 * @param level what this observation alone is worth: WATCH (note it), WARNING (one independent family
 *              of evidence) or CRITICAL (unmistakable on its own)
 * @param clears true when it ends an earlier signal from the same place (a gateway back online)
 */
public record Signal(String site, String room, Evidence evidence, RiskLevel level, boolean clears) {

    public Signal {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(level, "level");
    }

    /** The family of the per-room liveness beacon each partition sends (see {@link SignalExtractor}). */
    public static final String HEARTBEAT = "heartbeat";

    static Signal heartbeat(String site, String room, String from, long ts) {
        return new Signal(site, room, new Evidence(HEARTBEAT, HEARTBEAT, from, 0, "", ts, false), RiskLevel.NORMAL, false);
    }

    /** The family of a rack's median probe temperature, sent to the room's decider (see {@link SignalExtractor}). */
    public static final String RACK_TEMPERATURE = "rack_temperature";

    static Signal rackTemperature(String site, String room, String rack, double medianC, long ts) {
        return new Signal(site, room, new Evidence(RACK_TEMPERATURE, RACK_TEMPERATURE, rack, Math.round(medianC * 100) / 100.0, "C", ts,
                false), RiskLevel.NORMAL, false);
    }

    public boolean isRackTemperature() {
        return RACK_TEMPERATURE.equals(evidence.family());
    }

    /** True for a sensor fault: paged to the facility on its own, never evidence of a hazard. */
    public boolean isSensorFault() {
        return ProbeHealth.FAMILY.equals(evidence.family());
    }

    public boolean isHeartbeat() {
        return HEARTBEAT.equals(evidence.family());
    }

    public String roomKey() {
        return site + "/" + room;
    }

    /** The identity of what is observed: a later signal with the same identity replaces this one. */
    public String identity() {
        return evidence.signal() + "@" + evidence.where();
    }
}
