package io.firebreak.streams.room;

import io.firebreak.streams.room.RoomState.Support;
import io.firebreak.telemetry.decision.RiskLevel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A drain that rests on one fire panel alone. A listed panel's alarm is decisive (that is what panels are
 * for), but when nothing else in the room (no sensor, probe, cell, gas or power reading of any level, no
 * hint) showed anything in the minute before it, the drain is marked uncorroborated, so the traffic team
 * and the pager can see it came from one device (issue 15: a forged or faulty panel message).
 */
final class PanelAlone {

    /** How far back other evidence corroborates a panel's alarm. */
    static final long WINDOW_MS = 60_000;

    private PanelAlone() {
    }

    /** The reason to give when the decisive evidence is one panel's and nothing else corroborates it, or empty. */
    static Optional<String> uncorroborated(String room, Map<String, Signal> active, Support support, long ts) {
        List<Signal> decisive = active.values().stream().filter(s -> !s.isTelemetry() && s.level() == RiskLevel.CRITICAL).toList();
        if (decisive.isEmpty() || !decisive.stream().allMatch(s -> s.evidence().family().equals("fire_panel"))) {
            return Optional.empty();
        }
        List<String> panels = decisive.stream().map(PanelAlone::device).distinct().toList();
        if (panels.size() != 1) {
            return Optional.empty();
        }
        String panel = panels.get(0);
        long from = decisive.stream().mapToLong(s -> s.evidence().ts()).min().orElse(ts) - WINDOW_MS;
        boolean corroborated = Stream.concat(active.values().stream(), support.hints().values().stream())
                .anyMatch(s -> !s.isTelemetry() && !device(s).equals(panel) && s.evidence().ts() >= from);
        if (corroborated) {
            return Optional.empty();
        }
        String what = decisive.stream().map(s -> s.evidence().signal().replace("fire_", "")).distinct().sorted()
                .reduce((a, b) -> a + " and " + b).orElse("alarm");
        return Optional.of("room " + room + " critical: fire panel " + panel + " " + what
                + ", uncorroborated: nothing else in the room in the last minute");
    }

    private static String device(Signal s) {
        String where = s.evidence().where();
        return where.contains("/") ? where.substring(0, where.indexOf('/')) : where;
    }
}
