package io.firebreak.app.evaluate;

import io.firebreak.streams.ThresholdCatalog;
import io.firebreak.streams.ThresholdOverrides;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code firebreak evaluate --sensitivity}: the same sweep once with the default thresholds and once more for
 * each varied threshold at {@code 1 - step} and {@code 1 + step} times its default (one threshold at a time),
 * so an operator sees the margin each default has, not just a pass: the fire runs drained in time, the lead
 * before the runaway, and the benign runs' false drains and pages per room-hour.
 */
public final class Sensitivity {

    /**
     * The thresholds varied by default: the gas levels that start a vent, the probe rise and hot spot, the sag, and
     * the escalation's vent sustain, worsening, hint fraction and corroboration score (see docs/detection.md).
     */
    public static final List<String> MAIN = List.of("voc_ppm", "h2_ppm", "rise_c_per_min", "hot_spot_c", "sag_v", "vent_sustain",
            "worsening_factor", "hint_fraction", "corroboration_score");

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    /** One threshold setting: the defaults ({@code key} null) or one key at {@code value}. */
    record Variant(String key, String value, String label) {

        Map<String, String> overrides() {
            return key == null ? Map.of() : Map.of(key, value);
        }
    }

    /** The results of one setting's sweep. */
    record Row(Variant variant, List<RunResult> results) {
    }

    private Sensitivity() {
    }

    /** The defaults, then each key at {@code 1 - step} and {@code 1 + step} times its default. */
    static List<Variant> variants(List<String> keys, double step) {
        if (!(step > 0 && step < 1)) {
            throw new IllegalArgumentException("--step: must be between 0 and 1 (0.2 is +/-20 %), was " + step);
        }
        Map<String, String> defaults = ThresholdOverrides.defaults();
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant(null, null, "defaults"));
        for (String key : new LinkedHashSet<>(keys)) {
            String value = defaults.get(key);
            if (value == null) {
                throw new IllegalArgumentException("--vary: unknown threshold '" + key + "'; known: " + String.join(", ", defaults.keySet()));
            }
            if (ThresholdOverrides.CHEMISTRY.equals(value)) {
                throw new IllegalArgumentException("--vary: " + key + " follows the inventory's chemistry and has no number to vary");
            }
            int percent = (int) Math.round(step * 100);
            boolean count = ThresholdCatalog.BY_KEY.get(key).defaultValue() instanceof Integer;
            variants.add(new Variant(key, count(scale(value, 1 - step), count), "-" + percent + " %"));
            variants.add(new Variant(key, count(scale(value, 1 + step), count), "+" + percent + " %"));
        }
        return variants;
    }

    /** A count threshold ({@code sag_samples}) takes whole numbers: its scaled value is rounded. */
    private static String count(String scaled, boolean count) {
        return count ? String.valueOf(Math.round(Double.parseDouble(scaled))) : scaled;
    }

    /** {@code value} (a number or a duration such as {@code 2m}) times {@code factor}; durations come out in seconds. */
    static String scale(String value, double factor) {
        Matcher duration = DURATION.matcher(value);
        if (duration.matches()) {
            long n = Long.parseLong(duration.group(1));
            long ms = switch (duration.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1000;
                case "m" -> n * 60_000;
                default -> n * 3_600_000;
            };
            long scaled = Math.round(ms * factor);
            return scaled % 1000 == 0 ? scaled / 1000 + "s" : scaled + "ms";
        }
        return new BigDecimal(Double.parseDouble(value) * factor).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** Runs {@code evaluator}'s sweep once per variant, printing each run's row and each setting's line to {@code out}. */
    static List<Row> sweep(Evaluator evaluator, List<Variant> variants, PrintStream out) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Variant variant : variants) {
            out.printf(Locale.ROOT, "sensitivity: %s%n", describe(variant));
            evaluator.withThresholds(variant.overrides());
            Row row = new Row(variant, evaluator.results(out));
            out.println(SensitivityTable.row(row, SensitivityTable.fireScenarios(List.of(row))));
            rows.add(row);
        }
        return rows;
    }

    static String describe(Variant variant) {
        return variant.key() == null ? "defaults" : variant.key() + "=" + variant.value() + " (" + variant.label() + ")";
    }
}
