package io.firebreak.streams.room;

import io.firebreak.streams.topology.SignalExtractor;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.decision.RoomEvent;
import io.firebreak.telemetry.decision.SignalFamily;
import java.util.Objects;

/**
 * One observation on its way from the per-rack analysis to its room's decision, keyed by room.
 *
 * @param level    what this observation alone is worth: WATCH (note it), WARNING (one independent family
 *                 of evidence) or CRITICAL (unmistakable on its own)
 * @param clears   true when it ends an earlier signal from the same place (a gateway back online)
 * @param source   the readings partition that produced it (e.g. {@code readings-3}), or null for an
 *                 operator's action; the room's decider orders the events of its sources by event time
 * @param sourceTime that partition's stream time when it was sent: the source will send nothing older (but
 *                 for the rare record it reorders), so the decider may act on what lies before it
 */
public record Signal(String site, String room, Evidence evidence, RiskLevel level, boolean clears, String source, long sourceTime) {

    public Signal {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(level, "level");
    }

    /** A signal not yet stamped with its source (see {@link #from}). */
    public Signal(String site, String room, Evidence evidence, RiskLevel level, boolean clears) {
        this(site, room, evidence, level, clears, null, evidence.ts());
    }

    /** This signal as sent by readings partition {@code source} at its stream time {@code streamTime}. */
    public Signal from(String partition, long streamTime) {
        return new Signal(site, room, evidence, level, clears, partition, Math.max(streamTime, evidence.ts()));
    }

    /** The family of the per-room liveness beacon each partition sends (see {@link SignalExtractor}). */
    public static final String HEARTBEAT = "heartbeat";
    /** The family of a partition's progress beacon: its stream time, nothing about the room. */
    public static final String PROGRESS = "progress";
    /** The family of an operator's action that the room's decider applies (a release re-arms the room). */
    public static final String OPERATOR = "operator";

    public static Signal heartbeat(String site, String room, String from, long ts) {
        return new Signal(site, room, new Evidence(HEARTBEAT, HEARTBEAT, from, 0, "", ts, false), RiskLevel.NORMAL, false);
    }

    public static Signal progress(String site, String room, String partition, long streamTime) {
        return new Signal(site, room, new Evidence(PROGRESS, PROGRESS, partition, 0, "", streamTime, false), RiskLevel.NORMAL, false,
                partition, streamTime);
    }

    /** An operator released the room's drain {@code subject} at wall time {@code at}: the room re-arms. */
    public static Signal release(String site, String room, String subject, long at) {
        return new Signal(site, room, new Evidence("release", OPERATOR, subject, 0, "", at, false), RiskLevel.NORMAL, true, null, at);
    }

    /** The family of a rack's median probe temperature, sent to the room's decider (see {@link SignalExtractor}). */
    public static final String RACK_TEMPERATURE = "rack_temperature";

    public static Signal rackTemperature(String site, String room, String rack, double medianC, long ts) {
        return new Signal(site, room, new Evidence(RACK_TEMPERATURE, RACK_TEMPERATURE, rack, Math.round(medianC * 100) / 100.0, "C", ts,
                false), RiskLevel.NORMAL, false);
    }

    /** A probe warmer than its module's other probes, and climbing, by a fraction of a hot spot (a hint). */
    public static final String WARM_PROBE = "probe_warm";
    /** A cell below its series neighbours by a fraction of a sag (a hint). */
    public static final String WEAK_SAG = "cell_sag_weak";
    /** A rack warmer than the room's other racks by a fraction of a rack warming (a hint). */
    public static final String WARM_RACK = "rack_warm";

    /**
     * True for sub-threshold evidence: it never raises a level alone, but corroborates gas rising in its zone
     * (see {@link Corroboration}).
     */
    public boolean isHint() {
        String name = evidence.signal();
        return !clears && (WARM_PROBE.equals(name) || WEAK_SAG.equals(name) || WARM_RACK.equals(name));
    }

    /**
     * What this is, typed: the room's decider handles each kind of {@link RoomEvent} on its own. On the
     * signals topic and in the room's store a signal keeps its envelope (an {@link Evidence} whose family
     * names the kind), read back as the same event.
     */
    public RoomEvent event() {
        return switch (evidence.family()) {
            case HEARTBEAT -> new RoomEvent.Heartbeat(evidence.where(), evidence.ts());
            case PROGRESS -> new RoomEvent.Progress(evidence.where(), sourceTime);
            case OPERATOR -> new RoomEvent.Release(evidence.where(), evidence.ts());
            case RACK_TEMPERATURE -> new RoomEvent.RackTemperature(evidence.where(), evidence.value(), evidence.ts());
            default -> switch (SignalFamily.of(evidence.family()).kind()) {
                case FAULT -> new RoomEvent.SensorFault(evidence, level, clears);
                case TELEMETRY -> new RoomEvent.LinkLoss(evidence, level, clears);
                case HAZARD -> isHint() ? new RoomEvent.Hint(evidence, level) : new RoomEvent.Hazard(evidence, level, clears);
            };
        };
    }

    public boolean isRackTemperature() {
        return event() instanceof RoomEvent.RackTemperature;
    }

    /** True for a sensor fault: paged to the facility on its own, never evidence of a hazard. */
    public boolean isSensorFault() {
        return event() instanceof RoomEvent.SensorFault;
    }

    /** True for telemetry loss (a room silent, a gateway's Last Will): a facility alert of its own. */
    public boolean isTelemetry() {
        return event() instanceof RoomEvent.LinkLoss;
    }

    public boolean isHeartbeat() {
        return event() instanceof RoomEvent.Heartbeat;
    }

    public boolean isProgress() {
        return event() instanceof RoomEvent.Progress;
    }

    public boolean isOperator() {
        return event() instanceof RoomEvent.Release;
    }

    public String roomKey() {
        return site + "/" + room;
    }

    /** The identity of what is observed: a later signal with the same identity replaces this one. */
    public String identity() {
        return evidence.signal() + "@" + evidence.where();
    }
}
