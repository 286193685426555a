package io.firebreak.streams.room;

import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.decision.SignalFamily;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The decision rule: critical when one unmistakable signal is present or two independent families agree;
 * warning for one family; watch for minor signs. Also the stable ids and the human-readable reasons.
 */
public final class LevelRule {

    private LevelRule() {
    }

    /**
     * The level {@code active} warrants. Only hazard families count: a room gone silent or dark is a
     * facility alert of its own, and raises the level only together with fire-class evidence (smoke, a
     * fire panel, a confirmed runaway) from the same room, as at Pangyo (smoke, then the room went dark).
     */
    static RiskLevel evaluate(Collection<Signal> active) {
        boolean decisive = active.stream().anyMatch(s -> !s.isTelemetry() && s.level() == RiskLevel.CRITICAL);
        long families = active.stream().filter(s -> !s.isTelemetry() && s.level() == RiskLevel.WARNING)
                .map(s -> s.evidence().family()).distinct().count();
        boolean darkAfterFire = active.stream().anyMatch(Signal::isTelemetry) && active.stream().anyMatch(LevelRule::fireClass);
        if (decisive || families >= 2 || darkAfterFire) {
            return RiskLevel.CRITICAL;
        }
        if (families == 1) {
            return RiskLevel.WARNING;
        }
        return active.stream().anyMatch(s -> !s.isTelemetry() && s.level() == RiskLevel.WATCH) ? RiskLevel.WATCH : RiskLevel.NORMAL;
    }

    /** Fire-class evidence: smoke or a fire panel at warning or above, or a confirmed runaway. */
    static boolean fireClass(Signal signal) {
        String family = signal.evidence().family();
        boolean fire = family.equals(SignalFamily.SMOKE.wireName()) || family.equals(SignalFamily.FIRE_PANEL.wireName());
        return fire && signal.level().atLeast(RiskLevel.WARNING) || signal.evidence().signal().equals("thermal_runaway");
    }

    /** The evidence, strongest first: decisive, then by level, then earliest. */
    public static List<Evidence> evidence(Collection<Signal> active) {
        return active.stream()
                .sorted(Comparator.comparing(Signal::level).reversed().thenComparing(s -> s.evidence().ts()))
                .limit(10)
                .map(Signal::evidence)
                .toList();
    }

    static String describe(String room, RiskLevel level, List<Evidence> evidence) {
        String because = evidence.stream().limit(3).map(Evidence::describe).collect(Collectors.joining("; "));
        return "room " + room + " " + level.name().toLowerCase(java.util.Locale.ROOT) + (because.isEmpty() ? "" : ": " + because);
    }

    /** A stable id for one incident of one room: the same readings always give the same id. */
    static String id(String prefix, String roomKey, long incidentStart) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((roomKey + "|" + incidentStart + "|" + prefix).getBytes(StandardCharsets.UTF_8));
            return prefix + "_" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
