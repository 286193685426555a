package io.firebreak.streams.room;

import io.firebreak.streams.Threshold;
import io.firebreak.streams.Threshold.Check;
import io.firebreak.streams.room.RoomState.SensorFault;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.RiskLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sensor faults are their own problems: each faulty sensor opens one alert (stable id, family
 * {@code sensor}, so the alerting service pages the facility only) that stays open while the fault is
 * seen and closes once it has not been seen for a while. They never raise a room's level and never count
 * toward a drain.
 */
public final class SensorFaults {

    public static final Threshold<Duration> SENSOR_CLEAR_AFTER = Threshold.duration("sensor_clear_after", Duration.ofMinutes(30), Check.atLeast(Duration.ofSeconds(60)),
            "a sensor fault not seen for this long is cleared (never while the room is silent)");

    private SensorFaults() {
    }

    /** What one fault signal does to a room's open faults: the faults afterwards and the alert to send, if any. */
    record Change(Map<String, SensorFault> open, Alert alert) {
    }

    static Change record(String roomKey, Map<String, SensorFault> open, Signal signal) {
        Map<String, SensorFault> next = new HashMap<>(open);
        SensorFault known = next.get(signal.identity());
        if (signal.clears()) {
            if (known == null) {
                return new Change(open, null);
            }
            next.remove(signal.identity());
            return new Change(next, closing(known, signal.evidence().ts()));
        }
        if (known != null) {
            if (signal.evidence().ts() > known.latest().evidence().ts()) {
                next.put(signal.identity(), new SensorFault(known.id(), known.since(), signal));
            }
            return new Change(next, null);
        }
        String id = LevelRule.id("snr", roomKey + "|" + signal.identity(), signal.evidence().ts());
        next.put(signal.identity(), new SensorFault(id, signal.evidence().ts(), signal));
        Signal s = signal;
        String summary = s.isTelemetry()
                ? "no telemetry from room " + s.room() + ": " + s.evidence().describe() + " (check the gateway and the broker; not by itself a sign of fire)"
                : "sensor fault in room " + s.room() + ": " + s.evidence().describe() + " (a sensor to service, not a sign of fire)";
        Alert opening = new Alert(id, s.site(), s.room(), RiskLevel.WARNING, RiskLevel.NORMAL, summary, List.of(s.evidence()),
                s.evidence().ts());
        return new Change(next, opening);
    }

    /**
     * The room is heard again ({@code back}, a clearing signal of an open telemetry fault): the fault stays open,
     * marked as recovering since then, until {@link #recovered} closes it; a silence that comes back meanwhile
     * re-opens it under the same id without a new page ({@link #record}).
     */
    static Map<String, SensorFault> recovering(Map<String, SensorFault> open, Signal back) {
        SensorFault known = open.get(back.identity());
        if (known == null) {
            return open;
        }
        Map<String, SensorFault> next = new HashMap<>(open);
        next.put(back.identity(), new SensorFault(known.id(), known.since(), back));
        return next;
    }

    /** Closes the recovering faults of {@code open} heard again since before {@code before}; the alerts that say so. */
    static List<Alert> recovered(Map<String, SensorFault> open, long before, long now) {
        List<Alert> closed = new ArrayList<>();
        open.values().removeIf(fault -> {
            if (!fault.latest().clears() || fault.latest().evidence().ts() > before) {
                return false;
            }
            closed.add(closing(fault, now));
            return true;
        });
        return closed;
    }

    /** Closes the faults not seen since {@code before}; the alerts that say so. */
    static List<Alert> expire(Map<String, SensorFault> open, long before, long now) {
        List<Alert> closed = new ArrayList<>();
        open.values().removeIf(fault -> {
            if (fault.latest().evidence().ts() >= before) {
                return false;
            }
            closed.add(closing(fault, now));
            return true;
        });
        return closed;
    }

    private static Alert closing(SensorFault fault, long ts) {
        Signal s = fault.latest();
        return new Alert(fault.id(), s.site(), s.room(), RiskLevel.NORMAL, RiskLevel.WARNING,
                (s.isTelemetry() ? "telemetry back from room " : "sensor fault cleared in room ") + s.room() + ": "
                        + s.evidence().signal() + " at " + s.evidence().where(),
                List.of(s.evidence()), ts);
    }
}
