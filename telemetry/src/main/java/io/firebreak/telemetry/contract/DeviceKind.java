package io.firebreak.telemetry.contract;

import java.util.Locale;

/** The five kinds of sender in the MQTT topic layout (contract section 1). */
public enum DeviceKind {
    BMS, ENV, POWER, FIRE, GATEWAY;

    /** The topic segment of this kind, e.g. {@code bms}. */
    public String segment() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a topic segment; returns null for a segment that is not a kind. */
    public static DeviceKind fromSegment(String segment) {
        for (DeviceKind kind : values()) {
            if (kind.segment().equals(segment)) {
                return kind;
            }
        }
        return null;
    }
}
