package io.firebreak.telemetry.contract;

import java.util.Locale;

/**
 * The pipeline's time modes (contract section 4). In {@code LIVE} silence is measured on the wall clock
 * and a reading arriving later than the staleness bound after its {@code ts} is historical: stored and
 * shown, never enough to start a drain. In {@code REPLAY} everything, silence included, runs on event
 * time, so a recording replayed at any speed gives the same decisions.
 */
public enum TimeMode {
    LIVE, REPLAY;

    /** Parses {@code live} or {@code replay}, naming the accepted values when it is neither. */
    public static TimeMode parse(String text) {
        for (TimeMode mode : values()) {
            if (mode.name().equalsIgnoreCase(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("time_mode: must be live or replay, was '" + text + "'");
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
