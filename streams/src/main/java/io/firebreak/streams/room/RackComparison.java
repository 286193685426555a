package io.firebreak.streams.room;

import io.firebreak.streams.Threshold;
import io.firebreak.streams.Threshold.Check;
import io.firebreak.streams.rack.Medians;
import io.firebreak.streams.room.RoomState.RackTemperature;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Common-mode rejection across racks: a rack is compared with the median of its room's other racks, so
 * HVAC failure or a discharge that warms every rack alike is no sign, while one rack warming against the
 * others (an overcharge, a fire beside it) is a thermal one. Needs at least two other racks heard from
 * within the last minute.
 */
public final class RackComparison {

    public static final Threshold<Double> RACK_DEVIATION_C = Threshold.number("rack_deviation_c", 5.0, Check.positive(),
            "a rack whose median probe is this far (C) above the median of its room's other racks is warming (thermal warning)");

    /** Other racks heard from longer ago than this are not compared with. */
    static final long FRESH_MS = 60_000;
    /** Racks not heard from for this long are forgotten (switched off, removed). */
    static final long FORGET_MS = 10 * 60_000;

    private RackComparison() {
    }

    /** The room's rack temperatures with {@code latest} recorded and long-silent racks dropped. */
    static Map<String, RackTemperature> record(Map<String, RackTemperature> racks, Signal latest) {
        Map<String, RackTemperature> next = new HashMap<>(racks);
        long ts = latest.evidence().ts();
        next.put(latest.evidence().where(), new RackTemperature(latest.evidence().value(), ts));
        next.values().removeIf(r -> r.ts() < ts - FORGET_MS);
        return next;
    }

    /** The same rack lead as a hint: a fraction of a warming, which only corroborates gas in the rack's zone. */
    static Signal asHint(Signal warming) {
        Evidence w = warming.evidence();
        return new Signal(warming.site(), warming.room(), new Evidence(Signal.WARM_RACK, w.family(), w.where(), w.value(), w.unit(), w.ts(),
                false), RiskLevel.NORMAL, false);
    }

    /** A warning when the rack of {@code latest} is at least {@code deviationC} above the median of the room's other racks. */
    static Optional<Signal> warming(Signal latest, Map<String, RackTemperature> racks, double deviationC) {
        String rack = latest.evidence().where();
        long ts = latest.evidence().ts();
        double[] others = racks.entrySet().stream()
                .filter(e -> !e.getKey().equals(rack) && e.getValue().ts() >= ts - FRESH_MS)
                .mapToDouble(e -> e.getValue().celsius()).sorted().toArray();
        if (others.length < 2) {
            return Optional.empty();
        }
        double above = latest.evidence().value() - Medians.ofSorted(others, others.length);
        if (above < deviationC) {
            return Optional.empty();
        }
        Evidence e = new Evidence("rack_warming", "thermal", rack, Math.round(above * 100) / 100.0, "C", ts, false);
        return Optional.of(new Signal(latest.site(), latest.room(), e, RiskLevel.WARNING, false));
    }
}
