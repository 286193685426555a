package io.firebreak.streams.room;

import io.firebreak.streams.Escalation;
import io.firebreak.streams.Threshold;
import io.firebreak.streams.Threshold.Check;
import io.firebreak.streams.room.RoomState.Trend;
import io.firebreak.streams.sensor.RoomSensorRules;
import io.firebreak.telemetry.decision.RiskLevel;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Persistence and trend: a warning that keeps worsening escalates, one that holds steady does not. Each
 * current warning's figure is followed from when it opened (its first figure, its high and when it set
 * it); a warning open for {@link Escalation#worseningAfter} whose high is {@link Escalation#worseningFactor}
 * times its first figure and was set within the last fifth of that time is still getting worse, and makes
 * the room critical. A gas level, a hot spot's offset, a sag's depth, a rack's lead over the room, a
 * smoke reading: for each, more is worse. A collapse (volts, less is worse) and panel or power events
 * (no figure) are not followed.
 */
public final class Worsening {

    public static final Threshold<Duration> WORSENING_AFTER = Threshold.duration("worsening_after", Duration.ofMinutes(5), Check.atLeast(Duration.ofSeconds(60)),
            "a warning whose figure keeps worsening this long escalates to critical...");
    public static final Threshold<Double> WORSENING_FACTOR = Threshold.number("worsening_factor", 1.5, Check.above(1),
            "...where worsening means its figure reached this multiple of where it started, with a new high in the last fifth of that time");

    /** A warning that kept worsening, with how it moved. */
    record Escalated(Signal signal, Trend trend) {

        String describe() {
            return String.format(java.util.Locale.ROOT, "%s at %s kept worsening, %s to %s %s over %d min", signal.evidence().signal(),
                    signal.evidence().where(), figure(trend.first()), figure(trend.peak()), signal.evidence().unit(),
                    (trend.peakTs() - trend.since()) / 60_000);
        }

        private static String figure(double v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
        }
    }

    private final Escalation escalation;

    Worsening(Escalation escalation) {
        this.escalation = escalation;
    }

    /**
     * What a trend follows: a signal's identity, with a gas and its vent as one (the same sensor's VOC is
     * followed from when it first passed its level, not from when it was recognised as a vent).
     */
    static String key(Signal s) {
        return s.identity().replace(RoomSensorRules.VENT + "@", "@");
    }

    /** The current signals by trend key, the newest of each. */
    static Map<String, Signal> byKey(Map<String, Signal> active) {
        Map<String, Signal> out = new HashMap<>();
        for (Signal s : active.values()) {
            out.merge(key(s), s, (a, b) -> b.evidence().ts() >= a.evidence().ts() ? b : a);
        }
        return out;
    }

    /** True for a signal whose figure is followed: a hazard warning for which more is worse. */
    static boolean followed(Signal s) {
        String family = s.evidence().family();
        return s.level() == RiskLevel.WARNING && !s.isTelemetry() && !s.clears() && s.evidence().value() > 0
                && !s.evidence().signal().equals("cell_voltage_collapse") && !family.equals("fire_panel") && !family.equals("power");
    }

    /** The trends with {@code signal}'s figure recorded, and only those of signals still in {@code active}. */
    static Map<String, Trend> record(Map<String, Trend> trends, Map<String, Signal> active, Signal signal) {
        Map<String, Trend> next = new HashMap<>(trends);
        next.keySet().retainAll(byKey(active).keySet());
        if (followed(signal) && active.containsKey(signal.identity())) {
            double value = signal.evidence().value();
            long ts = signal.evidence().ts();
            next.merge(key(signal), new Trend(ts, value, value, ts),
                    (old, now) -> value > old.peak() ? new Trend(old.since(), old.first(), value, ts) : old);
        }
        return next;
    }

    /** The warning that has kept worsening for the escalation time by event time {@code now}, if any. */
    Optional<Escalated> escalated(Map<String, Signal> active, Map<String, Trend> trends, long now) {
        Escalated best = null;
        Map<String, Signal> current = byKey(active);
        for (Map.Entry<String, Trend> entry : trends.entrySet()) {
            Signal signal = current.get(entry.getKey());
            Trend t = entry.getValue();
            boolean worse = signal != null && now - t.since() >= escalation.worseningAfter().toMillis()
                    && t.peak() >= t.first() * escalation.worseningFactor() && now - t.peakTs() <= escalation.recentMs();
            if (worse && (best == null || t.since() < best.trend().since())) {
                best = new Escalated(signal, t);
            }
        }
        return Optional.ofNullable(best);
    }
}
