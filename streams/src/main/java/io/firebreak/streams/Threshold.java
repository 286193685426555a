package io.firebreak.streams;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One detection threshold as its rule declares it: the key an operator sets in {@code detect.thresholds},
 * its default, what a valid value is, and what it does. The rule classes declare theirs as constants
 * ({@code RoomSensorRules.SMOKE_ALERT}); {@link ThresholdCatalog} lists them all, and the loader, the
 * records' checks and the docs' table are made from these declarations, so they cannot disagree.
 *
 * @param <T> {@link Double}, {@link Integer} or {@link Duration}
 */
public final class Threshold<T> {

    /** What a valid value is, as a test and as the words the docs and the error show ({@code > 0}). */
    public record Check<T>(String rule, Predicate<T> test) {

        public static Check<Double> positive() {
            return new Check<>("> 0", v -> v > 0);
        }

        public static Check<Integer> positiveCount() {
            return new Check<>("> 0", v -> v > 0);
        }

        public static Check<Double> fraction() {
            return new Check<>("in (0, 1)", v -> v > 0 && v < 1);
        }

        public static Check<Double> above(double floor) {
            return new Check<>("> " + text(floor), v -> v > floor);
        }

        public static Check<Duration> atLeast(Duration floor) {
            return new Check<>(">= " + text(floor), v -> v.compareTo(floor) >= 0);
        }

        /** A charge limit: a positive voltage, or NaN for the chemistry's own. */
        static Check<Double> chargeLimit() {
            return new Check<>("> 0 or `" + ThresholdOverrides.CHEMISTRY + "`", v -> v.isNaN() || v > 0);
        }
    }

    private final String key;
    private final T defaultValue;
    private final Check<T> check;
    private final String doc;
    private final Function<String, T> parser;
    private final Function<T, String> printer;

    private Threshold(String key, T defaultValue, Check<T> check, String doc, Function<String, T> parser, Function<T, String> printer) {
        this.key = Objects.requireNonNull(key, "key");
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
        this.check = Objects.requireNonNull(check, "check");
        this.doc = Objects.requireNonNull(doc, "doc");
        this.parser = parser;
        this.printer = printer;
        if (!check.test().test(defaultValue)) {
            throw new IllegalStateException(key + ": the default " + printer.apply(defaultValue) + " is not " + check.rule());
        }
    }

    public static Threshold<Double> number(String key, double defaultValue, Check<Double> check, String doc) {
        return new Threshold<>(key, defaultValue, check, doc, text -> parseNumber(key, text), Threshold::text);
    }

    public static Threshold<Integer> count(String key, int defaultValue, Check<Integer> check, String doc) {
        return new Threshold<>(key, defaultValue, check, doc, text -> {
            double value = parseNumber(key, text);
            if (value != Math.rint(value)) {
                throw new IllegalArgumentException(ThresholdOverrides.PREFIX + key + ": must be a whole number, was '" + text + "'");
            }
            return (int) value;
        }, String::valueOf);
    }

    public static Threshold<Duration> duration(String key, Duration defaultValue, Check<Duration> check, String doc) {
        return new Threshold<>(key, defaultValue, check, doc, text -> parseDuration(key, text), Threshold::text);
    }

    /** A charge limit in volts whose default, NaN, written {@code chemistry}, takes the inventory's chemistry. */
    public static Threshold<Double> chargeLimit(String key, String doc) {
        return new Threshold<>(key, Double.NaN, Check.chargeLimit(), doc,
                text -> ThresholdOverrides.CHEMISTRY.equalsIgnoreCase(text.trim()) ? Double.NaN : parseNumber(key, text),
                v -> v.isNaN() ? ThresholdOverrides.CHEMISTRY : text(v));
    }

    public String key() {
        return key;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** What a valid value is, in words ({@code > 0}, {@code >= 30s}). */
    public String rule() {
        return check.rule();
    }

    public String doc() {
        return doc;
    }

    /** {@code value} as written in {@code firebreak.yaml}: {@code 0.04}, {@code 30s}, {@code 10m}, {@code chemistry}. */
    public String format(T value) {
        return printer.apply(value);
    }

    public String formattedDefault() {
        return format(defaultValue);
    }

    /** The value written {@code text}, checked; errors name {@code detect.thresholds.KEY}. */
    public T parse(String text) {
        return check(parser.apply(text));
    }

    /** {@code value} when it is valid; else an error naming the key, the rule and the value. */
    public T check(T value) {
        if (!check.test().test(value)) {
            throw new IllegalArgumentException(ThresholdOverrides.PREFIX + key + ": must be " + check.rule() + ", was " + format(value));
        }
        return value;
    }

    @Override
    public String toString() {
        return ThresholdOverrides.PREFIX + key;
    }

    static String text(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    static String text(Duration value) {
        long s = value.toSeconds();
        if (value.toMillis() % 1000 != 0 || s == 0) {
            return value.toMillis() + "ms";
        }
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    private static double parseNumber(String key, String text) {
        try {
            double value = Double.parseDouble(text.trim());
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new NumberFormatException(text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ThresholdOverrides.PREFIX + key + ": must be a number, was '" + text + "'");
        }
    }

    /** Durations as {@code 30s}, {@code 10m}, {@code 1h}, {@code 500ms} or ISO-8601 ({@code PT30S}). */
    private static Duration parseDuration(String key, String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.matches("\\d+(ms|s|m|h)")) {
                long n = Long.parseLong(v.replaceAll("\\D", ""));
                return v.endsWith("ms") ? Duration.ofMillis(n) : v.endsWith("s") ? Duration.ofSeconds(n)
                        : v.endsWith("m") ? Duration.ofMinutes(n) : Duration.ofHours(n);
            }
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(ThresholdOverrides.PREFIX + key + ": must be a duration like 30s, 10m or 1h, was '" + text + "'");
        }
    }
}
