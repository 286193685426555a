package io.firebreak.telemetry.decision;

import java.util.Objects;

/**
 * One observation behind a decision.
 *
 * @param signal  what was seen, e.g. {@code cell_temp_rise}, {@code smoke}, {@code fire_panel}
 * @param family  the independent signal family it belongs to ({@code thermal}, {@code offgas},
 *                {@code smoke}, {@code fire_panel}, {@code power}, {@code telemetry})
 * @param where   the device, e.g. {@code R07/M03/p2} or {@code asd-1}
 * @param value   the measured figure
 * @param unit    its unit, e.g. {@code C/min}, {@code %obs/m}
 * @param ts      event time of the reading that showed it, epoch ms
 * @param decisive true when this signal alone is unmistakable (fire alarm, fire-level smoke, runaway)
 */
public record Evidence(String signal, String family, String where, double value, String unit, long ts, boolean decisive) {

    public Evidence {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(unit, "unit");
    }

    /** A short phrase for a human, e.g. {@code smoke 0.9 %obs/m at asd-1}. */
    public String describe() {
        String figure = value == Math.rint(value) && Math.abs(value) < 1e9 ? String.valueOf((long) value) : String.format(java.util.Locale.ROOT, "%.2f", value);
        return signal + " " + figure + (unit.isEmpty() ? "" : " " + unit) + " at " + where;
    }
}
