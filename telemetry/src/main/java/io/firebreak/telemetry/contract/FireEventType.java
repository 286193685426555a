package io.firebreak.telemetry.contract;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Fire panel events of contract section 2. */
public enum FireEventType {
    PRE_ALARM, ALARM, SUPPRESSION_RELEASED, FAULT, RESET;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire name; returns null when it is not one of the five events. */
    public static FireEventType fromWire(String text) {
        for (FireEventType type : values()) {
            if (type.wireName().equals(text)) {
                return type;
            }
        }
        return null;
    }
}
