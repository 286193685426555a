package io.firebreak.streams;

import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
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
final class LevelRule {

    private LevelRule() {
    }

    static RiskLevel evaluate(Collection<Signal> active) {
        boolean decisive = active.stream().anyMatch(s -> s.level() == RiskLevel.CRITICAL);
        long families = active.stream().filter(s -> s.level() == RiskLevel.WARNING)
                .map(s -> s.evidence().family()).distinct().count();
        if (decisive || families >= 2) {
            return RiskLevel.CRITICAL;
        }
        if (families == 1) {
            return RiskLevel.WARNING;
        }
        return active.stream().anyMatch(s -> s.level() == RiskLevel.WATCH) ? RiskLevel.WATCH : RiskLevel.NORMAL;
    }

    /** The evidence, strongest first: decisive, then by level, then earliest. */
    static List<Evidence> evidence(Collection<Signal> active) {
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
