package io.firebreak.streams.room;

import io.firebreak.streams.Escalation;
import io.firebreak.streams.Threshold;
import io.firebreak.streams.Threshold.Check;
import io.firebreak.streams.rack.VoltageAnalyzer;
import io.firebreak.streams.sensor.RoomSensorRules;
import io.firebreak.streams.sensor.VentWatch;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.Room;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Evidence that adds up: off-gas in a zone, scored together with what the racks of that same zone show,
 * even when each sign is below its own warning threshold. Weights: a gas warning 0.6, a vent (see
 * {@link VentWatch}) 0.8; in the gas's zone, a thermal or voltage warning 0.6 and each kind of hint
 * (a probe warmer than its module, a cell sagging against its neighbours, a rack warmer than the room)
 * 0.2, one piece per kind, the strongest. A zone whose score reaches {@link Escalation#corroborationScore}
 * (1.0) is critical: a gas warning and two kinds of hint, or a vent and one. Hints without gas score
 * nothing: they only corroborate.
 */
public final class Corroboration {

    static final double GAS = 0.6;
    static final double VENT = 0.8;
    static final double WARNING = 0.6;
    static final double HINT = 0.2;
    /** A hint older than this (event time) no longer corroborates: hints are re-sent every few seconds while they hold. */
    static final long HINT_FRESH_MS = 60_000;

    public static final Threshold<Double> HINT_FRACTION = Threshold.number("hint_fraction", 0.5, Check.fraction(),
            "sub-threshold evidence at this fraction of its own threshold (probe, sag, rack) corroborates gas in its zone");
    public static final Threshold<Double> CORROBORATION_SCORE = Threshold.number("corroboration_score", 1.0, Check.positive(),
            "the score at which co-located evidence adds up to a drain (weights: gas " + GAS + ", vent " + VENT + ", warning "
                    + WARNING + ", hint " + HINT + ")");

    /** One piece of evidence, its weight and the zone it is in. */
    record Part(Evidence evidence, double weight) {
    }

    /** The best-scoring zone and what added up there. */
    record Score(String zone, double total, List<Part> parts) {

        String describe() {
            return String.format(Locale.ROOT, "evidence adds up to %.1f in zone %s: ", total, zone) + parts.stream()
                    .map(p -> p.evidence().describe() + String.format(Locale.ROOT, " (%.1f)", p.weight()))
                    .collect(Collectors.joining(" + "));
        }
    }

    private final SiteInventory inventory;

    Corroboration(SiteInventory inventory) {
        this.inventory = inventory;
    }

    /** The zone of room {@code roomId} with off-gas evidence that scores highest, with its parts. */
    Optional<Score> best(String roomId, Collection<Signal> active, Collection<Signal> hints, long now) {
        Optional<Room> room = inventory.room(roomId);
        if (room.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Part> gasByZone = new LinkedHashMap<>();
        for (Signal s : active) {
            String zone = zone(room.get(), s);
            if (zone != null && gas(s)) {
                Part part = new Part(s.evidence(), s.evidence().signal().endsWith(RoomSensorRules.VENT) ? VENT : GAS);
                gasByZone.merge(zone, part, (a, b) -> stronger(a, b));
            }
        }
        Score best = null;
        for (Map.Entry<String, Part> gas : gasByZone.entrySet()) {
            Map<String, Part> byKind = new LinkedHashMap<>();
            for (Signal s : active) {
                if (!gas(s) && s.level() == RiskLevel.WARNING && rackSide(s) && gas.getKey().equals(zone(room.get(), s))) {
                    byKind.merge(s.evidence().signal(), new Part(s.evidence(), WARNING), Corroboration::stronger);
                }
            }
            for (Signal s : hints) {
                if (now - s.evidence().ts() <= HINT_FRESH_MS && gas.getKey().equals(zone(room.get(), s))) {
                    byKind.merge(s.evidence().signal(), new Part(s.evidence(), HINT), Corroboration::stronger);
                }
            }
            List<Part> parts = new ArrayList<>();
            parts.add(gas.getValue());
            byKind.values().stream().sorted(Comparator.comparingDouble(Part::weight).reversed()
                    .thenComparing(p -> p.evidence().signal())).forEach(parts::add);
            double total = Math.round(parts.stream().mapToDouble(Part::weight).sum() * 100) / 100.0;
            if (best == null || total > best.total()) {
                best = new Score(gas.getKey(), total, parts);
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean gas(Signal s) {
        return s.evidence().family().equals("offgas") && s.level() == RiskLevel.WARNING;
    }

    private static boolean rackSide(Signal s) {
        String family = s.evidence().family();
        return family.equals("thermal") || family.equals(VoltageAnalyzer.FAMILY);
    }

    private static Part stronger(Part a, Part b) {
        if (a.weight() != b.weight()) {
            return a.weight() > b.weight() ? a : b;
        }
        return b.evidence().value() > a.evidence().value() ? b : a;
    }

    /** The zone a signal is in: its env sensor's, or its rack's (BMS evidence is {@code rack/module/...}). */
    static String zone(Room room, Signal s) {
        String where = s.evidence().where();
        String head = where.contains("/") ? where.substring(0, where.indexOf('/')) : where;
        for (Room.EnvSensor sensor : room.envSensors()) {
            if (sensor.id().equals(head)) {
                return sensor.zone();
            }
        }
        return room.rack(head).map(Rack::zone).orElse(null);
    }
}
