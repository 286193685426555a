package io.firebreak.streams.room;

import io.firebreak.telemetry.decision.RiskLevel;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What detection knows about one room: its level, the open incident (if any) and the signals that are
 * still current, by identity; the latest median temperature of each rack; the open faults; and, for
 * ordering, the events not yet acted on and how far each readings partition feeding the room has got.
 * Bounded: one entry per signal source that is currently abnormal, per rack, per faulty sensor, per
 * partition, and the few seconds of events inside the reordering grace.
 *
 * @param lowerSince    event time since which the evidence has been below the level (0: it is not), so
 *                      the level comes down only once that has lasted the hold time
 * @param lastHeard     event time of the room's latest reading acted on
 * @param lastHeardWall wall-clock time the room's latest heartbeat arrived (live-mode silence)
 * @param racks         per rack, its latest median probe temperature
 * @param faults        per faulty sensor or silent room (signal identity), its open fault
 * @param pending       events received but not yet acted on, waiting for every source to pass them
 * @param sources       per readings partition feeding the room, how far it has got
 * @param watermark     event time up to which the room's events have been acted on
 * @param lagAlert      the open "detection lagging" alert's id, or null
 * @param support       hints and the trends of current warnings (bounded like {@code active})
 */
public record RoomState(RiskLevel level, String incidentId, long incidentStart, String drainId, Map<String, Signal> active,
                        long lowerSince, long lastHeard, long lastHeardWall, Map<String, RackTemperature> racks,
                        Map<String, SensorFault> faults, List<Pending> pending, Map<String, SourceMark> sources, long watermark,
                        String lagAlert, Support support) {

    /**
     * What corroborates the level without raising it: recent sub-threshold evidence (hints, by identity,
     * see {@link Signal#isHint}) and, per current warning, how its figure has moved (see {@link Worsening}).
     */
    public record Support(Map<String, Signal> hints, Map<String, Trend> trends) {

        public static final Support EMPTY = new Support(Map.of(), Map.of());

        public Support {
            hints = hints == null ? Map.of() : Map.copyOf(hints);
            trends = trends == null ? Map.of() : Map.copyOf(trends);
        }

        /** With {@code hint} kept (the newest of its identity) and hints no longer fresh at {@code at} dropped. */
        Support withHint(Signal hint, long at) {
            Map<String, Signal> next = new java.util.HashMap<>(hints);
            next.merge(hint.identity(), hint, (old, now) -> now.evidence().ts() >= old.evidence().ts() ? now : old);
            next.values().removeIf(h -> h.evidence().ts() < at - Corroboration.HINT_FRESH_MS);
            return new Support(next, trends);
        }

        /** With {@code hazard}'s figure followed (see {@link Worsening}), given the current signals. */
        Support withTrend(Map<String, Signal> active, Signal hazard) {
            return new Support(hints, Worsening.record(trends, active, hazard));
        }

        /** Hints no longer fresh at {@code now} and trends of signals no longer current dropped. */
        Support pruned(Map<String, Signal> active, long now) {
            if (hints.isEmpty() && trends.isEmpty()) {
                return this;
            }
            Map<String, Signal> fresh = new java.util.HashMap<>(hints);
            fresh.values().removeIf(h -> h.evidence().ts() < now - Corroboration.HINT_FRESH_MS);
            Map<String, Trend> current = new java.util.HashMap<>(trends);
            current.keySet().retainAll(Worsening.byKey(active).keySet());
            return new Support(fresh, current);
        }
    }

    /** A current warning's figure: where it started, its high and when it set it. */
    public record Trend(long since, double first, double peak, long peakTs) {
    }

    /** A rack's median probe temperature at event time {@code ts}. */
    public record RackTemperature(double celsius, long ts) {
    }

    /** An open fault: its alert id, when it was first seen and its latest signal. */
    public record SensorFault(String id, long since, Signal latest) {

        public SensorFault {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(latest, "latest");
        }
    }

    /** An event waiting to be acted on, and the wall-clock time it arrived. */
    public record Pending(Signal signal, long arrivedWall) {
    }

    /** How far one readings partition has got (its stream time) and when it last said so (wall clock). */
    public record SourceMark(long progress, long wall) {
    }

    public RoomState {
        active = Map.copyOf(active);
        racks = racks == null ? Map.of() : Map.copyOf(racks);
        faults = faults == null ? Map.of() : Map.copyOf(faults);
        pending = pending == null ? List.of() : List.copyOf(pending);
        sources = sources == null ? Map.of() : Map.copyOf(sources);
        support = support == null ? Support.EMPTY : support;
    }

    /** A room as first seen: normal, nothing known. */
    public static RoomState normal() {
        return new RoomState(RiskLevel.NORMAL, null, 0, null, Map.of(), 0, 0, 0, Map.of(), Map.of(), List.of(), Map.of(),
                Long.MIN_VALUE, null, Support.EMPTY);
    }

    /** The same room back to normal and re-armed: no incident, no evidence; what it knows of racks, faults and sources stays. */
    RoomState cleared() {
        return new RoomState(RiskLevel.NORMAL, null, 0, null, Map.of(), 0, lastHeard, lastHeardWall, racks, faults, pending, sources,
                watermark, lagAlert, Support.EMPTY);
    }

    public RoomState withLevel(RiskLevel next, String id, long start, String drain, Map<String, Signal> signals, long lower) {
        return new RoomState(next, id, start, drain, signals, lower, lastHeard, lastHeardWall, racks, faults, pending, sources,
                watermark, lagAlert, support);
    }

    public RoomState heard(long ts) {
        return new RoomState(level, incidentId, incidentStart, drainId, active, lowerSince, Math.max(lastHeard, ts), lastHeardWall,
                racks, faults, pending, sources, watermark, lagAlert, support);
    }

    RoomState heardWall(long wall) {
        return new RoomState(level, incidentId, incidentStart, drainId, active, lowerSince, lastHeard, wall, racks, faults, pending,
                sources, watermark, lagAlert, support);
    }

    RoomState withActive(Map<String, Signal> signals) {
        return new RoomState(level, incidentId, incidentStart, drainId, signals, lowerSince, lastHeard, lastHeardWall, racks, faults,
                pending, sources, watermark, lagAlert, support);
    }

    RoomState withRacks(Map<String, RackTemperature> temperatures) {
        return new RoomState(level, incidentId, incidentStart, drainId, active, lowerSince, lastHeard, lastHeardWall, temperatures,
                faults, pending, sources, watermark, lagAlert, support);
    }

    RoomState withFaults(Map<String, SensorFault> open) {
        return new RoomState(level, incidentId, incidentStart, drainId, active, lowerSince, lastHeard, lastHeardWall, racks, open,
                pending, sources, watermark, lagAlert, support);
    }

    RoomState withOrdering(List<Pending> waiting, Map<String, SourceMark> marks, long actedUpTo) {
        return new RoomState(level, incidentId, incidentStart, drainId, active, lowerSince, lastHeard, lastHeardWall, racks, faults,
                waiting, marks, actedUpTo, lagAlert, support);
    }

    RoomState withLagAlert(String id) {
        return new RoomState(level, incidentId, incidentStart, drainId, active, lowerSince, lastHeard, lastHeardWall, racks, faults,
                pending, sources, watermark, id, support);
    }

    RoomState withSupport(Support next) {
        return new RoomState(level, incidentId, incidentStart, drainId, active, lowerSince, lastHeard, lastHeardWall, racks, faults,
                pending, sources, watermark, lagAlert, next);
    }

    /** True while the room is silent or its gateway is reported dead: silence is never treated as resolved. */
    boolean dark() {
        return active.values().stream().anyMatch(Signal::isTelemetry);
    }
}
