package io.firebreak.streams;

import java.util.Arrays;

/**
 * The recent temperature samples of each probe of one module, oldest first, bounded to
 * {@link #CAPACITY} samples per probe so state grows with the number of probes, never with time.
 */
public record ModuleHistory(long[][] ts, double[][] temps) {

    static final int CAPACITY = 48;

    static ModuleHistory empty(int probes) {
        return new ModuleHistory(new long[probes][0], new double[probes][0]);
    }

    int probes() {
        return ts.length;
    }

    /** This history with one more sample per probe ({@code null} values skipped), older ones trimmed. */
    ModuleHistory append(long sampleTs, java.util.List<Double> probeTemps, long keepAfter) {
        int probes = Math.max(probes(), probeTemps.size());
        long[][] newTs = new long[probes][];
        double[][] newTemps = new double[probes][];
        for (int p = 0; p < probes; p++) {
            long[] oldTs = p < ts.length ? ts[p] : new long[0];
            double[] oldT = p < temps.length ? temps[p] : new double[0];
            Double value = p < probeTemps.size() ? probeTemps.get(p) : null;
            int start = 0;
            while (start < oldTs.length && (oldTs[start] < keepAfter || oldTs.length - start >= CAPACITY)) {
                start++;
            }
            boolean add = value != null && (oldTs.length == 0 || sampleTs > oldTs[oldTs.length - 1]);
            int size = oldTs.length - start + (add ? 1 : 0);
            newTs[p] = Arrays.copyOfRange(oldTs, start, start + size);
            newTemps[p] = Arrays.copyOfRange(oldT, start, start + size);
            if (add) {
                newTs[p][size - 1] = sampleTs;
                newTemps[p][size - 1] = value;
            }
        }
        return new ModuleHistory(newTs, newTemps);
    }
}
