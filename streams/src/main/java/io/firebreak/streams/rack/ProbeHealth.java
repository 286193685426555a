package io.firebreak.streams.rack;

import io.firebreak.streams.Precursors;
import io.firebreak.streams.Threshold;
import io.firebreak.streams.Threshold.Check;
import io.firebreak.streams.room.Signal;
import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The health of a module's temperature probes: missing, the BMS's "no probe" sentinel, a value no probe
 * in a battery room can read, a bus glitch (a jump that comes straight back), or a value repeated for
 * minutes while the probe's neighbours move. These are sensor faults: paged to the facility as such,
 * never evidence of a fire. A drifting probe needs the trend, so {@link ThermalAnalyzer} calls it.
 */
public final class ProbeHealth {

    public static final Threshold<Duration> STUCK_AFTER = Threshold.duration("stuck_after", Duration.ofMinutes(10), Check.atLeast(Duration.ofSeconds(60)),
            "a probe that repeats one value this long while its neighbours move is stuck (sensor fault)");

    public static final String FAMILY = "sensor";
    /** What many BMSs report when no probe answers. */
    static final double SENTINEL_C = -39.0;
    /** A jump at least this large that returns within a few samples is a glitch, not heat. */
    static final double GLITCH_JUMP_C = 20.0;
    /** A probe counts as moving when it changed within this long. */
    private static final long MOVING_MS = 60_000;

    private final Precursors precursors;

    public ProbeHealth(Precursors precursors) {
        this.precursors = precursors;
    }

    /** True for a temperature a probe in a battery room can report: a runaway cell reaches 800 C, a room is never below -30 C. */
    static boolean plausible(double celsius) {
        return celsius > -30 && celsius < 1200;
    }

    /** The sensor-fault signals of one module sample, given its history with this sample appended. */
    public List<Signal> analyze(Reading reading, BmsSample sample, ModuleHistory history) {
        List<Signal> faults = new ArrayList<>();
        String where = reading.source().rack() + "/" + reading.source().device();
        List<Double> probes = sample.cellT();
        boolean anyReading = probes.stream().anyMatch(v -> v != null);
        for (int p = 0; p < probes.size(); p++) {
            Double value = probes.get(p);
            String probe = where + "/p" + (p + 1);
            if (value == null) {
                if (anyReading) {
                    faults.add(fault(reading, "probe_missing", probe, 0, ""));
                }
            } else if (Math.abs(value - SENTINEL_C) < 0.05) {
                faults.add(fault(reading, "probe_sentinel", probe, value, "C"));
            } else if (!plausible(value)) {
                faults.add(fault(reading, "probe_out_of_range", probe, value, "C"));
            } else if (p < history.probes() && glitched(history.temps()[p])) {
                faults.add(fault(reading, "probe_glitch", probe, value, "C"));
            } else if (p < history.probes() && stuck(history, p, reading.ts())) {
                faults.add(fault(reading, "probe_stuck", probe, (reading.ts() - history.unchangedSince()[p]) / 60_000.0, "min"));
            }
        }
        return faults;
    }

    /** The latest sample is back within 3 C of where the probe was just before a jump of 20 C or more. */
    static boolean glitched(double[] t) {
        int n = t.length;
        if (n < 3) {
            return false;
        }
        for (int back = 3; back >= 2; back--) {
            if (n - 1 - back < 0) {
                continue;
            }
            double before = t[n - 1 - back];
            if (Math.abs(t[n - 1] - before) > 3) {
                continue;
            }
            for (int k = n - back; k < n - 1; k++) {
                if (Math.abs(t[k] - before) >= GLITCH_JUMP_C) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean stuck(ModuleHistory history, int p, long now) {
        long since = history.unchangedSince()[p];
        if (since == 0 || now - since < precursors.stuckAfter().toMillis() || history.ts()[p].length == 0) {
            return false;
        }
        // a BMS that reports in coarse steps (0.5 C, 1 C) repeats a steady probe's value for hours, and its
        // neighbours flick between two adjacent steps: only a neighbour that moved further than one step moves
        double step = step(history);
        for (int q = 0; q < history.probes(); q++) {
            if (q != p && now - history.unchangedSince()[q] < MOVING_MS && range(history, q) >= 2 * step - 1e-6) {
                return true;
            }
        }
        return false;
    }

    /** The module's reporting step: the smallest change between two consecutive values of any of its probes. */
    private static double step(ModuleHistory history) {
        double step = Double.MAX_VALUE;
        for (int q = 0; q < history.probes(); q++) {
            for (double[] values : new double[][] {history.temps()[q], history.slowTemps()[q]}) {
                for (int i = 1; i < values.length; i++) {
                    double d = Math.abs(values[i] - values[i - 1]);
                    if (d > 0.005) {
                        step = Math.min(step, d);
                    }
                }
            }
        }
        return step == Double.MAX_VALUE ? 0.1 : step;
    }

    /** How far probe {@code q} has moved over the module's recent and slow history. */
    private static double range(ModuleHistory history, int q) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double[] values : new double[][] {history.temps()[q], history.slowTemps()[q]}) {
            for (double v : values) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return max - min;
    }

    static Signal fault(Reading reading, String name, String where, double value, String unit) {
        Evidence evidence = new Evidence(name, FAMILY, where, Math.round(value * 100) / 100.0, unit, reading.ts(), false);
        return new Signal(reading.source().site(), reading.source().room(), evidence, RiskLevel.WATCH, false);
    }
}
