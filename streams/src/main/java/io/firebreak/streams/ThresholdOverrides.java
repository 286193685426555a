package io.firebreak.streams;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The detection thresholds an operator may set in {@code detect.thresholds} (for example
 * {@code hold_after: 15m}): every key is a field of {@link Thresholds}, {@link Escalation} or
 * {@link Precursors} in snake case; anything else is refused with the list of known keys.
 */
public final class ThresholdOverrides {

    private static final Set<String> KEYS = new TreeSet<>(Set.of("smoke_alert", "smoke_action", "smoke_fire", "voc_ppm",
            "co_ppm", "h2_ppm", "rise_c_per_min", "rise_window", "peer_deviation_c", "runaway_temp_c", "voltage_drop_fraction",
            "evidence_window", "silence_after", "hold_after", "hot_spot_c", "hot_spot_c_per_min", "drift_c", "drift_c_per_min", "sag_v",
            "sag_samples", "cell_max_v", "rack_deviation_c", "voc_rise_ppm", "co_rise_ppm", "h2_rise_ppm", "stuck_after",
            "sensor_clear_after", "vent_sustain", "worsening_after", "worsening_factor", "hint_fraction", "corroboration_score"));

    /** The value of {@code cell_max_v} that takes the charge limit from the inventory's chemistry (the default). */
    public static final String CHEMISTRY = "chemistry";

    private final Map<String, String> values;

    private ThresholdOverrides(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Every key with its default, as written in {@code firebreak.yaml} ({@code 0.04}, {@code 30s}, {@code 10m}):
     * the docs' threshold table is tested against it, so the two cannot drift apart.
     */
    public static Map<String, String> defaults() {
        Thresholds d = Thresholds.defaults();
        Precursors p = d.precursors();
        Map<String, String> out = new TreeMap<>();
        out.put("smoke_alert", text(d.smokeAlert()));
        out.put("smoke_action", text(d.smokeAction()));
        out.put("smoke_fire", text(d.smokeFire()));
        out.put("voc_ppm", text(d.vocPpm()));
        out.put("co_ppm", text(d.coPpm()));
        out.put("h2_ppm", text(d.h2Ppm()));
        out.put("rise_c_per_min", text(d.riseCPerMin()));
        out.put("rise_window", text(d.riseWindow()));
        out.put("peer_deviation_c", text(d.peerDeviationC()));
        out.put("runaway_temp_c", text(d.runawayTempC()));
        out.put("voltage_drop_fraction", text(d.voltageDropFraction()));
        out.put("evidence_window", text(d.evidenceWindow()));
        out.put("silence_after", text(d.silenceAfter()));
        out.put("hold_after", text(d.holdAfter()));
        out.put("hot_spot_c", text(p.hotSpotC()));
        out.put("hot_spot_c_per_min", text(p.hotSpotCPerMin()));
        out.put("drift_c", text(p.driftC()));
        out.put("drift_c_per_min", text(p.driftCPerMin()));
        out.put("sag_v", text(p.sagV()));
        out.put("sag_samples", text(p.sagSamples()));
        out.put("cell_max_v", Double.isNaN(p.cellMaxV()) ? CHEMISTRY : text(p.cellMaxV()));
        out.put("rack_deviation_c", text(p.rackDeviationC()));
        out.put("voc_rise_ppm", text(p.vocRisePpm()));
        out.put("co_rise_ppm", text(p.coRisePpm()));
        out.put("h2_rise_ppm", text(p.h2RisePpm()));
        out.put("stuck_after", text(p.stuckAfter()));
        out.put("sensor_clear_after", text(p.sensorClearAfter()));
        Escalation e = d.escalation();
        out.put("vent_sustain", text(e.ventSustain()));
        out.put("worsening_after", text(e.worseningAfter()));
        out.put("worsening_factor", text(e.worseningFactor()));
        out.put("hint_fraction", text(e.hintFraction()));
        out.put("corroboration_score", text(e.corroborationScore()));
        return out;
    }

    private static String text(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String text(Duration value) {
        long s = value.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** The defaults with {@code overrides} applied; keys are named {@code detect.thresholds.KEY} in errors. */
    public static Thresholds apply(Map<String, ?> overrides) {
        Map<String, String> values = new HashMap<>();
        if (overrides != null) {
            overrides.forEach((key, value) -> {
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException("detect.thresholds." + key + ": unknown threshold; known: " + String.join(", ", KEYS));
                }
                values.put(key, String.valueOf(value));
            });
        }
        return new ThresholdOverrides(values).build();
    }

    private Thresholds build() {
        Thresholds d = Thresholds.defaults();
        Precursors p = d.precursors();
        Precursors precursors = new Precursors(number("hot_spot_c", p.hotSpotC()), number("hot_spot_c_per_min", p.hotSpotCPerMin()),
                number("drift_c", p.driftC()), number("drift_c_per_min", p.driftCPerMin()), number("sag_v", p.sagV()),
                (int) number("sag_samples", p.sagSamples()), cellMaxV(p.cellMaxV()),
                number("rack_deviation_c", p.rackDeviationC()), number("voc_rise_ppm", p.vocRisePpm()),
                number("co_rise_ppm", p.coRisePpm()), number("h2_rise_ppm", p.h2RisePpm()),
                duration("stuck_after", p.stuckAfter()), duration("sensor_clear_after", p.sensorClearAfter()));
        return new Thresholds(number("smoke_alert", d.smokeAlert()), number("smoke_action", d.smokeAction()),
                number("smoke_fire", d.smokeFire()), number("voc_ppm", d.vocPpm()), number("co_ppm", d.coPpm()),
                number("h2_ppm", d.h2Ppm()), number("rise_c_per_min", d.riseCPerMin()), duration("rise_window", d.riseWindow()),
                number("peer_deviation_c", d.peerDeviationC()), number("runaway_temp_c", d.runawayTempC()),
                number("voltage_drop_fraction", d.voltageDropFraction()), duration("evidence_window", d.evidenceWindow()),
                duration("silence_after", d.silenceAfter()), duration("hold_after", d.holdAfter()), precursors, escalation(d.escalation()));
    }

    private Escalation escalation(Escalation e) {
        return new Escalation(duration("vent_sustain", e.ventSustain()), duration("worsening_after", e.worseningAfter()),
                number("worsening_factor", e.worseningFactor()), number("hint_fraction", e.hintFraction()),
                number("corroboration_score", e.corroborationScore()));
    }

    /** An explicit charge limit wins over the inventory's chemistry; {@code chemistry} (the default) takes it from there. */
    private double cellMaxV(double fallback) {
        String value = values.get("cell_max_v");
        return value != null && CHEMISTRY.equalsIgnoreCase(value.trim()) ? Double.NaN : number("cell_max_v", fallback);
    }

    private double number(String key, double fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("detect.thresholds." + key + ": must be a number, was '" + value + "'");
        }
    }

    /** Durations as {@code 30s}, {@code 10m}, {@code 1h} or ISO-8601 ({@code PT30S}). */
    private Duration duration(String key, Duration fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (v.matches("\\d+(ms|s|m|h)")) {
                long n = Long.parseLong(v.replaceAll("\\D", ""));
                return v.endsWith("ms") ? Duration.ofMillis(n) : v.endsWith("s") ? Duration.ofSeconds(n)
                        : v.endsWith("m") ? Duration.ofMinutes(n) : Duration.ofHours(n);
            }
            return Duration.parse(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("detect.thresholds." + key + ": must be a duration like 30s, 10m or 1h, was '" + value + "'");
        }
    }
}
