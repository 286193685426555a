package io.firebreak.streams.rack;

import io.firebreak.streams.Precursors;
import io.firebreak.streams.Threshold;
import io.firebreak.streams.Threshold.Check;
import io.firebreak.streams.Thresholds;
import io.firebreak.streams.room.Signal;
import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Looks at one module's sample against the module's recent history and its rack's peers, and says what
 * it shows: a confirmed runaway (fast path), a probe rising fast against its rack's probes, or, over
 * minutes, a hot spot against its module's other probes (or a drifting probe, a sensor fault). Pure
 * functions of their inputs, so they are easy to test.
 */
public final class ThermalAnalyzer {

    public static final Threshold<Double> RISE_C_PER_MIN = Threshold.number("rise_c_per_min", 2.0, Check.positive(),
            "a probe rising at least this fast (C/min) over `rise_window`...");
    public static final Threshold<Duration> RISE_WINDOW = Threshold.duration("rise_window", Duration.ofSeconds(30), Check.atLeast(Duration.ofSeconds(5)),
            "...the window of that rise...");
    public static final Threshold<Double> PEER_DEVIATION_C = Threshold.number("peer_deviation_c", 5.0, Check.positive(),
            "...and this far (C) above the median of its rack's probes is a thermal warning");
    public static final Threshold<Double> RUNAWAY_TEMP_C = Threshold.number("runaway_temp_c", 120.0, Check.positive(),
            "a probe at or above this (C), rising 1 C/s for 3 s, is a runaway (critical; GB 38031)");
    public static final Threshold<Double> HOT_SPOT_C = Threshold.number("hot_spot_c", 2.0, Check.positive(),
            "a probe this far (C) above its module's other probes...");
    public static final Threshold<Double> HOT_SPOT_C_PER_MIN = Threshold.number("hot_spot_c_per_min", 0.5, Check.positive(),
            "...and rising at least this fast (C/min) over minutes is a hot spot (thermal warning)");
    public static final Threshold<Double> DRIFT_C = Threshold.number("drift_c", 2.0, Check.positive(),
            "a probe this far (C) above its module's other probes...");
    public static final Threshold<Double> DRIFT_C_PER_MIN = Threshold.number("drift_c_per_min", 0.3, Check.positive(),
            "...rising slower than this (C/min, at most `hot_spot_c_per_min`) with healthy voltages is drifting (a sensor fault)");

    private final Thresholds thresholds;

    public ThermalAnalyzer(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * The signals of one BMS reading, given the module's history (this sample included), the rack median and
     * the cell whose voltage collapsed (-1 when none).
     */
    public List<Signal> analyze(Reading reading, BmsSample sample, ModuleHistory history, double rackMedian, int collapsed) {
        String where = reading.source().rack() + "/" + reading.source().device();
        String site = reading.source().site();
        String room = reading.source().room();
        List<Signal> signals = new ArrayList<>();
        boolean voltagesHealthy = history.sagRun() == 0 && history.overRun() == 0 && collapsed < 0;
        double moduleMin = sample.cellT().stream().filter(v -> v != null && ProbeHealth.plausible(v))
                .mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        Signal runaway = null;
        Signal rise = null;
        Signal slow = null;
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
            // a probe no further above the module's coolest than the smallest offset cannot be a hot spot or drift
            double floor = Math.min(warmC(), thresholds.precursors().driftC()) - 0.5;
            Signal trend = latest - moduleMin < floor ? null : slowTrend(reading, sample, history, p, voltagesHealthy);
            if (trend != null && (slow == null || trend.level().compareTo(slow.level()) > 0)) {
                slow = trend;
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
        } else if (slow != null) {
            signals.add(slow);
        }
        return signals;
    }

    /**
     * The minutes-long view of probe {@code p} against its module's other probes: a hot spot when it sits
     * well above them and keeps climbing, a drifting probe (a sensor fault) when it sits as far above them
     * but barely moves while the module's voltages are healthy. A single glitch moves neither: the offset
     * is taken over the last few samples and the slope is a Theil-Sen fit over minutes.
     */
    private Signal slowTrend(Reading reading, BmsSample sample, ModuleHistory history, int p, boolean voltagesHealthy) {
        Precursors precursors = thresholds.precursors();
        double others = othersMedian(sample.cellT(), p);
        double[] recent = history.temps()[p];
        if (Double.isNaN(others) || recent.length < 5) {
            return null;
        }
        double offset = round(Medians.of(recent, recent.length - 5, recent.length) - others);
        if (offset < Math.min(warmC(), precursors.driftC())) {
            return null;
        }
        long[] slowTs = history.slowTs()[p];
        if (slowTs.length < 7) {
            return null;
        }
        // climbing is judged on the last three minutes, so an accelerating cell counts as soon as it speeds up;
        // drifting on the whole ten, so a probe that barely moves is not mistaken for one that paused
        double recentSlope = theilSen(slowTs, history.slowTemps()[p], slowTs.length - 7);
        String probe = reading.source().rack() + "/" + reading.source().device() + "/p" + (p + 1);
        if (offset >= precursors.hotSpotC() && recentSlope >= precursors.hotSpotCPerMin()) {
            Evidence e = new Evidence("cell_hot_spot", "thermal", probe, offset, "C", reading.ts(), false);
            return new Signal(reading.source().site(), reading.source().room(), e, RiskLevel.WARNING, false);
        }
        if (offset >= precursors.driftC() && slowTs.length >= 11 && voltagesHealthy
                && theilSen(slowTs, history.slowTemps()[p], 0) < precursors.driftCPerMin()) {
            return ProbeHealth.fault(reading, "probe_drift", probe, offset, "C");
        }
        if (offset >= warmC() && recentSlope >= precursors.hotSpotCPerMin() * thresholds.escalation().hintFraction()) {
            // too little to warn on, but it corroborates gas rising in the rack's zone
            Evidence e = new Evidence(Signal.WARM_PROBE, "thermal", probe, offset, "C", reading.ts(), false);
            return new Signal(reading.source().site(), reading.source().room(), e, RiskLevel.NORMAL, false);
        }
        return null;
    }

    /** A probe this far above its module's other probes, and climbing, is a hint (a fraction of a hot spot). */
    private double warmC() {
        return thresholds.precursors().hotSpotC() * thresholds.escalation().hintFraction();
    }

    private static double othersMedian(List<Double> probes, int p) {
        double[] values = new double[probes.size()];
        int n = 0;
        for (int q = 0; q < probes.size(); q++) {
            Double v = probes.get(q);
            if (q != p && v != null && ProbeHealth.plausible(v)) {
                values[n++] = v;
            }
        }
        return Medians.of(values, 0, n);
    }

    /** Samples further apart than this do not make one held rise (Korea's rule since 2023: a sample every 10 s or faster). */
    static final long MAX_SAMPLE_GAP_MS = 10_500;

    /**
     * The slowest of the latest rises, in C/s, when they span at least 3 s over at least two intervals
     * (dT/dt held for 3 s: three one-second rises at 1 s sampling, two at 2-10 s), each interval at most
     * {@link #MAX_SAMPLE_GAP_MS}; 0 otherwise. A single glitch up and back never holds for two intervals.
     */
    static double sustainedRate(long[] ts, double[] t) {
        int n = ts.length;
        double slowest = Double.MAX_VALUE;
        long span = 0;
        int intervals = 0;
        for (int i = n - 1; i > 0 && (span < 3_000 || intervals < 2); i--) {
            long dt = ts[i] - ts[i - 1];
            if (dt <= 0 || dt > MAX_SAMPLE_GAP_MS) {
                return 0;
            }
            slowest = Math.min(slowest, (t[i] - t[i - 1]) * 1000.0 / dt);
            span += dt;
            intervals++;
        }
        return span < 3_000 || intervals < 2 ? 0 : Math.max(0, slowest);
    }

    /**
     * Theil-Sen slope (median of pairwise slopes) of the samples after {@code from}, in C/min: robust to a
     * single glitch. 0 when fewer than five samples (reaching back up to twice the window at 5-10 s sampling) span less than two thirds of the window.
     */
    double riseRatePerMinute(long[] ts, double[] t, long from) {
        int start = 0;
        while (start < ts.length && ts[start] < from) {
            start++;
        }
        // a module sampled every 5-10 s has few samples in the window: the fit reaches back to five samples
        // (within twice the window), as four would let one glitch carry the median
        long window = thresholds.riseWindow().toMillis();
        while (ts.length - start < 5 && start > 0 && ts[ts.length - 1] - ts[start - 1] <= 2 * window) {
            start--;
        }
        int n = ts.length - start;
        if (n < 5 || ts[ts.length - 1] - ts[start] < window * 2 / 3) {
            return 0;
        }
        return theilSen(ts, t, start);
    }

    /** The median of the pairwise slopes of the samples from {@code start}, in C/min. */
    public static double theilSen(long[] ts, double[] t, int start) {
        int n = ts.length - start;
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = start; i < ts.length; i++) {
            for (int j = i + 1; j < ts.length; j++) {
                slopes[k++] = (t[j] - t[i]) * 60_000.0 / (ts[j] - ts[i]);
            }
        }
        Arrays.sort(slopes, 0, k);
        return Medians.ofSorted(slopes, k);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
