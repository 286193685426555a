package io.firebreak.streams.rack;

import java.util.Arrays;
import java.util.List;

/**
 * What detection remembers of one module, bounded so state grows with the number of probes, never with
 * time: per probe the recent samples (oldest first, at most {@link #CAPACITY}), one sample per
 * {@link #SLOW_STEP_MS} over the last {@link #SLOW_CAPACITY} steps (the slow trend), and since when it has
 * repeated one value; per module how long a cell has sagged and how long one has been overcharged.
 *
 * @param unchangedSince per probe, event time since which it has reported the same value
 * @param sagCell        the cell sagging below its module's median, or -1
 * @param sagRun         samples in a row in which {@code sagCell} sagged
 * @param overRun        samples in a row in which some cell was above the charge limit
 */
public record ModuleHistory(long[][] ts, double[][] temps, long[][] slowTs, double[][] slowTemps, long[] unchangedSince,
                            int sagCell, int sagRun, int overRun) {

    static final int CAPACITY = 48;
    /** Recent samples kept per probe however old (with the new one, five: a Theil-Sen fit that one glitch cannot move). */
    static final int MIN_RECENT = 5;
    static final long SLOW_STEP_MS = 30_000;
    static final int SLOW_CAPACITY = 21;
    /** Samples further apart than this do not make one run of repeated values (Korea's rule: one every 10 s or faster). */
    static final long STUCK_GAP_MS = 60_000;

    public static ModuleHistory empty(int probes) {
        return new ModuleHistory(new long[probes][0], new double[probes][0], new long[probes][0], new double[probes][0],
                new long[probes], -1, 0, 0);
    }

    public int probes() {
        return ts.length;
    }

    /** The event time of the newest sample of any probe, or {@code Long.MIN_VALUE} when there is none. */
    public long latestTs() {
        long latest = Long.MIN_VALUE;
        for (long[] probe : ts) {
            if (probe.length > 0) {
                latest = Math.max(latest, probe[probe.length - 1]);
            }
        }
        return latest;
    }

    /**
     * This history with one more sample per probe, older ones trimmed. {@code null} values and values no
     * probe can read (see {@link ProbeHealth#plausible}) are not history: they are sensor faults.
     */
    public ModuleHistory append(long sampleTs, List<Double> probeTemps, long keepAfter) {
        int probes = Math.max(probes(), probeTemps.size());
        long[][] newTs = new long[probes][];
        double[][] newTemps = new double[probes][];
        long[][] newSlowTs = new long[probes][];
        double[][] newSlow = new double[probes][];
        long[] newUnchanged = Arrays.copyOf(unchangedSince, probes);
        for (int p = 0; p < probes; p++) {
            long[] oldTs = p < ts.length ? ts[p] : new long[0];
            double[] oldT = p < temps.length ? temps[p] : new double[0];
            Double value = p < probeTemps.size() ? probeTemps.get(p) : null;
            boolean add = value != null && ProbeHealth.plausible(value) && (oldTs.length == 0 || sampleTs > oldTs[oldTs.length - 1]);
            // a new value starts a run; so does a gap in the samples (a gateway away): a probe is only stuck
            // when it repeats itself sample after sample, not because nothing was heard in between
            boolean gap = oldTs.length > 0 && sampleTs - oldTs[oldTs.length - 1] > STUCK_GAP_MS;
            if (add && (oldT.length == 0 || oldT[oldT.length - 1] != value || gap)) {
                newUnchanged[p] = sampleTs;
            }
            int start = 0;
            // at least MIN_RECENT samples stay whatever their age, so a module sampled every 10 s still has a fit
            while (start < oldTs.length && (oldTs[start] < keepAfter && oldTs.length - start >= MIN_RECENT || oldTs.length - start >= CAPACITY)) {
                start++;
            }
            newTs[p] = appended(oldTs, start, add, sampleTs);
            newTemps[p] = appended(oldT, start, add, add ? value : 0);
            long[] oldSlowTs = p < slowTs.length ? slowTs[p] : new long[0];
            double[] oldSlow = p < slowTemps.length ? slowTemps[p] : new double[0];
            boolean step = add && (oldSlowTs.length == 0 || sampleTs - oldSlowTs[oldSlowTs.length - 1] >= SLOW_STEP_MS);
            int slowStart = step && oldSlowTs.length >= SLOW_CAPACITY ? 1 : 0;
            // the slow trend changes once a step: between steps its arrays are the very same (see sameTrend)
            newSlowTs[p] = step ? appended(oldSlowTs, slowStart, true, sampleTs) : oldSlowTs;
            newSlow[p] = step ? appended(oldSlow, slowStart, true, value) : oldSlow;
        }
        return new ModuleHistory(newTs, newTemps, newSlowTs, newSlow, newUnchanged, sagCell, sagRun, overRun);
    }

    /**
     * True when this history's slow trend is {@code other}'s, the same arrays: {@link #append} keeps them between
     * steps, so a module's trend is written to its store once a step, not with every sample.
     */
    public boolean sameTrend(ModuleHistory other) {
        if (other == null || other.probes() != probes()) {
            return false;
        }
        for (int p = 0; p < probes(); p++) {
            if (slowTs[p] != other.slowTs[p] || slowTemps[p] != other.slowTemps[p]) {
                return false;
            }
        }
        return true;
    }

    /** This history without its slow trend: what the {@code module-history} store holds with every sample. */
    public ModuleHistory recent() {
        int probes = probes();
        long[][] noTs = new long[probes][0];
        double[][] noTemps = new double[probes][0];
        return new ModuleHistory(ts, temps, noTs, noTemps, unchangedSince, sagCell, sagRun, overRun);
    }

    /** The slow trend alone: what the {@code module-trend} store holds, written once a step. */
    public ModuleHistory trend() {
        int probes = probes();
        return new ModuleHistory(new long[probes][0], new double[probes][0], slowTs, slowTemps, new long[probes], -1, 0, 0);
    }

    /**
     * The recent samples of this history with {@code trend}'s slow trend, as the two stores hold a module; this
     * history as it is when there is no trend of the same probes (a history written whole, before the stores were two).
     */
    public ModuleHistory withTrend(ModuleHistory trend) {
        if (trend == null || trend.probes() != probes()) {
            return this;
        }
        return new ModuleHistory(ts, temps, trend.slowTs, trend.slowTemps, unchangedSince, sagCell, sagRun, overRun);
    }

    /** This history with the module's voltage runs replaced. */
    public ModuleHistory withVoltageRuns(int cell, int run, int over) {
        return new ModuleHistory(ts, temps, slowTs, slowTemps, unchangedSince, cell, run, over);
    }

    private static long[] appended(long[] old, int start, boolean add, long value) {
        long[] out = Arrays.copyOfRange(old, start, old.length + (add ? 1 : 0));
        if (add) {
            out[out.length - 1] = value;
        }
        return out;
    }

    private static double[] appended(double[] old, int start, boolean add, double value) {
        double[] out = Arrays.copyOfRange(old, start, old.length + (add ? 1 : 0));
        if (add) {
            out[out.length - 1] = value;
        }
        return out;
    }
}
