package io.firebreak.telemetry.decision;

import java.util.Locale;

/**
 * The families of evidence detection reasons with, by their wire name (an {@link Evidence#family()}), and
 * what kind of thing each one says. Only hazard families count toward a room's level; faults and
 * telemetry loss are paged to the facility as problems of their own.
 */
public enum SignalFamily {
    THERMAL(Kind.HAZARD), VOLTAGE(Kind.HAZARD), OFFGAS(Kind.HAZARD), SMOKE(Kind.HAZARD), FIRE_PANEL(Kind.HAZARD),
    POWER(Kind.HAZARD),
    /** The room or its gateway went silent: nothing is known, which is not the same as something wrong. */
    TELEMETRY(Kind.TELEMETRY),
    /** A sensor to service (stuck, missing, drifting probe, a panel fault, a device clock that is off). */
    SENSOR(Kind.FAULT),
    /** Firebreak itself is behind or broken (detection lagging its input). */
    PIPELINE(Kind.FAULT);

    /** What a family says about a room. */
    public enum Kind {
        /** Evidence of a hazard: counts toward the room's level and a drain. */
        HAZARD,
        /** A fault in the means of observation: its own facility alert, never evidence. */
        FAULT,
        /** Loss of telemetry: a facility alert; a hazard only together with fire-class evidence. */
        TELEMETRY
    }

    private final Kind kind;

    SignalFamily(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The name on the wire, e.g. {@code fire_panel}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The family of wire name {@code name}; unknown names are hazards, so nothing new is ever ignored. */
    public static SignalFamily of(String name) {
        for (SignalFamily family : values()) {
            if (family.wireName().equals(name)) {
                return family;
            }
        }
        return THERMAL;
    }

    /** True for the family {@code name} when it is a fault or telemetry loss, not a hazard. */
    public static boolean isFault(String name) {
        for (SignalFamily family : values()) {
            if (family.wireName().equals(name)) {
                return family.kind != Kind.HAZARD;
            }
        }
        return false;
    }
}
