package io.firebreak.streams;

import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Looks at one module's sample against the module's recent history and its rack's peers, and says what
 * it shows: a confirmed runaway (fast path), a probe rising against its peers, or a cell whose voltage
 * collapsed against its module's median. Pure functions of their inputs, so they are easy to test.
 */
final class ThermalAnalyzer {

    private final Thresholds thresholds;

    ThermalAnalyzer(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** The signals of one BMS reading, given the module's history (this sample included) and the rack median. */
    List<Signal> analyze(Reading reading, BmsSample sample, ModuleHistory history, double rackMedian) {
        String where = reading.source().rack() + "/" + reading.source().device();
        String site = reading.source().site();
        String room = reading.source().room();
        List<Signal> signals = new ArrayList<>();
        int collapsed = collapsedCell(sample.cellV());
        Signal runaway = null;
        Signal rise = null;
        for (int p = 0; p < history.probes(); p++) {
            long[] ts = history.ts()[p];
            double[] t = history.temps()[p];
            if (ts.length == 0 || ts[ts.length - 1] != reading.ts()) {
                continue;
            }
            double latest = t[t.length - 1];
            double fastRate = sustainedRate(ts, t);
            if (fastRate >= 1.0 && (latest >= thresholds.runawayTempC() || collapsed >= 0)) {
                Evidence e = new Evidence("thermal_runaway", "thermal", where + "/p" + (p + 1), round(fastRate), "C/s", reading.ts(), true);
                if (runaway == null || fastRate > runaway.evidence().value()) {
                    runaway = new Signal(site, room, e, RiskLevel.CRITICAL, false);
                }
                continue;
            }
            // the peer test is cheap and rules out almost every healthy probe before the slope is fitted
            double deviation = latest - rackMedian;
            if (deviation < thresholds.peerDeviationC()) {
                continue;
            }
            double slope = riseRatePerMinute(ts, t, reading.ts() - thresholds.riseWindow().toMillis());
            if (slope >= thresholds.riseCPerMin()) {
                Evidence e = new Evidence("cell_temp_rise", "thermal", where + "/p" + (p + 1), round(slope), "C/min", reading.ts(), false);
                if (rise == null || slope > rise.evidence().value()) {
                    rise = new Signal(site, room, e, RiskLevel.WARNING, false);
                }
            }
        }
        if (runaway != null) {
            signals.add(runaway);
        } else if (rise != null) {
            signals.add(rise);
        }
        if (collapsed >= 0) {
            double volts = sample.cellV().get(collapsed);
            signals.add(new Signal(site, room, new Evidence("cell_voltage_collapse", "voltage", where + "/c" + (collapsed + 1),
                    volts, "V", reading.ts(), false), RiskLevel.WARNING, false));
        }
        return signals;
    }

    /**
     * The slowest of the last three one-second rises in C/s when three consecutive samples about a second
     * apart each rose (dT/dt held for 3 s); 0 otherwise. A single glitch up and back never holds for 3 s.
     */
    static double sustainedRate(long[] ts, double[] t) {
        int n = ts.length;
        if (n < 4) {
            return 0;
        }
        double slowest = Double.MAX_VALUE;
        for (int i = n - 3; i < n; i++) {
            long dt = ts[i] - ts[i - 1];
            if (dt <= 0 || dt > 2_500) {
                return 0;
            }
            slowest = Math.min(slowest, (t[i] - t[i - 1]) * 1000.0 / dt);
        }
        return Math.max(0, slowest);
    }

    /**
     * Theil-Sen slope (median of pairwise slopes) of the samples after {@code from}, in C/min: robust to a
     * single glitch. 0 when the samples span less than two thirds of the window.
     */
    double riseRatePerMinute(long[] ts, double[] t, long from) {
        int start = 0;
        while (start < ts.length && ts[start] < from) {
            start++;
        }
        int n = ts.length - start;
        if (n < 5 || ts[ts.length - 1] - ts[start] < thresholds.riseWindow().toMillis() * 2 / 3) {
            return 0;
        }
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = start; i < ts.length; i++) {
            for (int j = i + 1; j < ts.length; j++) {
                slopes[k++] = (t[j] - t[i]) * 60_000.0 / (ts[j] - ts[i]);
            }
        }
        Arrays.sort(slopes, 0, k);
        return k % 2 == 1 ? slopes[k / 2] : (slopes[k / 2 - 1] + slopes[k / 2]) / 2;
    }

    /** The index of the cell furthest below its module's median voltage by more than the drop fraction, or -1. */
    int collapsedCell(List<Double> cellV) {
        double[] values = cellV.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).sorted().toArray();
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

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
