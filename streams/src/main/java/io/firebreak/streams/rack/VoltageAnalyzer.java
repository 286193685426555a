package io.firebreak.streams.rack;

import io.firebreak.streams.Escalation;
import io.firebreak.streams.Threshold;
import io.firebreak.streams.Threshold.Check;
import io.firebreak.streams.Thresholds;
import io.firebreak.streams.room.Signal;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The electrical signs of one module. The cells of a module are in series and carry the same current, so
 * a cell is compared with its module's median: a sudden collapse (runaway, a breached separator), a sag
 * held for many samples (an internal short draining the cell), or a cell above the chemistry's charge
 * limit (a failed charger). One sample is never enough for the slow signs: the runs live in the module's
 * history.
 */
public final class VoltageAnalyzer {

    public static final Threshold<Double> VOLTAGE_DROP_FRACTION = Threshold.number("voltage_drop_fraction", 0.25, Check.fraction(),
            "a cell voltage drop of this fraction with a fast rise is a runaway (GB 38031: 25 %)");
    public static final Threshold<Double> SAG_V = Threshold.number("sag_v", 0.05, Check.positive(),
            "a cell this far (V) below its module's median (series cells carry one current)...");
    public static final Threshold<Integer> SAG_SAMPLES = Threshold.count("sag_samples", 30, Check.positiveCount(),
            "...in this many samples in a row is sagging (voltage warning)");

    public static final String FAMILY = "voltage";

    private final Thresholds thresholds;

    public VoltageAnalyzer(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** The module's history with its sag and overcharge runs updated for this sample's cell voltages. */
    public ModuleHistory updateRuns(ModuleHistory history, List<Double> cellV, double[] values, double chargeLimitV) {
        if (values.length < 3) {
            return history.withVoltageRuns(-1, 0, 0);
        }
        double median = values[values.length / 2];
        int sagging = -1;
        for (int c = 0; c < cellV.size(); c++) {
            Double v = cellV.get(c);
            if (v != null && v <= median - thresholds.precursors().sagV() && (sagging < 0 || v < cellV.get(sagging))) {
                sagging = c;
            }
        }
        int sagRun = sagging < 0 ? 0 : sagging == history.sagCell() ? history.sagRun() + 1 : 1;
        int overRun = values[values.length - 1] >= chargeLimitV ? history.overRun() + 1 : 0;
        return history.withVoltageRuns(sagging, sagRun, overRun);
    }

    /** The voltage signals of one sample, given the history with its runs already updated. */
    public List<Signal> analyze(Reading reading, List<Double> cellV, double[] values, ModuleHistory history, int collapsed) {
        String where = reading.source().rack() + "/" + reading.source().device();
        List<Signal> signals = new ArrayList<>();
        if (collapsed >= 0) {
            signals.add(signal(reading, "cell_voltage_collapse", where + "/c" + (collapsed + 1), cellV.get(collapsed), "V"));
        } else if (history.sagRun() >= thresholds.precursors().sagSamples()) {
            double below = values[values.length / 2] - cellV.get(history.sagCell());
            signals.add(signal(reading, "cell_voltage_sag", where + "/c" + (history.sagCell() + 1), Math.round(below * 1000), "mV"));
        } else {
            weakSag(reading, cellV, values, where).ifPresent(signals::add);
        }
        if (history.overRun() >= 5) {
            signals.add(signal(reading, "cell_overvoltage", where, values[values.length - 1], "V"));
        }
        return signals;
    }

    /**
     * A cell below its series neighbours by a fraction of the sag threshold (see {@link Escalation#hintFraction}):
     * too little to warn on, but it corroborates gas rising in the rack's zone (a hint, see {@link Signal#isHint}).
     */
    private java.util.Optional<Signal> weakSag(Reading reading, List<Double> cellV, double[] values, String where) {
        if (values.length < 3) {
            return java.util.Optional.empty();
        }
        double median = values[values.length / 2];
        double lowest = values[0];
        double below = median - lowest;
        if (below < thresholds.precursors().sagV() * thresholds.escalation().hintFraction()) {
            return java.util.Optional.empty();
        }
        int cell = cellV.indexOf(lowest);
        Evidence e = new Evidence(Signal.WEAK_SAG, FAMILY, where + "/c" + (cell + 1), Math.round(below * 1000), "mV", reading.ts(), false);
        return java.util.Optional.of(new Signal(reading.source().site(), reading.source().room(), e, RiskLevel.NORMAL, false));
    }

    /** The index of the cell furthest below its module's median voltage by more than the drop fraction, or -1. */
    public int collapsedCell(List<Double> cellV, double[] values) {
        if (values.length < 3) {
            return -1;
        }
        double median = values[values.length / 2];
        int worst = -1;
        for (int c = 0; c < cellV.size(); c++) {
            Double v = cellV.get(c);
            if (v != null && v < median * (1 - thresholds.voltageDropFraction()) && (worst < 0 || v < cellV.get(worst))) {
                worst = c;
            }
        }
        return worst;
    }

    /** The cell voltages present in a sample, ascending: sorted once per sample for every rule here. */
    public static double[] sortedPresent(List<Double> cellV) {
        double[] values = new double[cellV.size()];
        int n = 0;
        for (Double v : cellV) {
            if (v != null) {
                values[n++] = v;
            }
        }
        double[] out = Arrays.copyOf(values, n);
        Arrays.sort(out);
        return out;
    }

    private static Signal signal(Reading reading, String name, String where, double value, String unit) {
        Evidence e = new Evidence(name, FAMILY, where, Math.round(value * 1000) / 1000.0, unit, reading.ts(), false);
        return new Signal(reading.source().site(), reading.source().room(), e, RiskLevel.WARNING, false);
    }
}
