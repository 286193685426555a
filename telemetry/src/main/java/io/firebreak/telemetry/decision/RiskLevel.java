package io.firebreak.telemetry.decision;

/** How worried Firebreak is about a rack, room or site, lowest first. */
public enum RiskLevel {
    NORMAL, WATCH, WARNING, CRITICAL;

    public boolean atLeast(RiskLevel other) {
        return compareTo(other) >= 0;
    }
}
