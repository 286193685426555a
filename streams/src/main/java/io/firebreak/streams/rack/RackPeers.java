package io.firebreak.streams.rack;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest probe temperatures of every module of the racks one stream task owns: the peers a probe is
 * compared with. Kept in memory, as a cache of the {@code module-history} store: a task that meets a rack
 * for the first time (after a restart or a partition move) seeds it from every module's newest sample in
 * the store ({@link #seed}), so the median, and whatever is judged against it, is the same as on the
 * instance that held the rack before. Bounded by the number of probes, never by time.
 */
public final class RackPeers {

    /**
     * The rack median is refitted once per this much event time (at the first sample of each period, so
     * when it is refitted depends on event time alone, not on when the task started).
     */
    static final long REFIT_MS = 1_000;

    private record Median(double value, long ts) {
    }

    private final Map<String, Map<String, double[]>> racks = new HashMap<>();
    private final Map<String, Median> medians = new HashMap<>();

    /**
     * Records a module's probes and returns the median of its rack's latest probe temperatures, as fitted
     * within the last {@link #REFIT_MS} of event time: sorting every probe of the rack for every module's
     * sample cost a tenth of detection's time, and a second-old median is as good a reference.
     */
    public double update(String rackKey, String module, List<Double> probeTemps, long ts) {
        Map<String, double[]> modules = racks.computeIfAbsent(rackKey, k -> new HashMap<>());
        double[] temps = new double[probeTemps.size()];
        int n = 0;
        for (Double t : probeTemps) {
            if (t != null && ProbeHealth.plausible(t)) {
                temps[n++] = t;
            }
        }
        modules.put(module, Arrays.copyOf(temps, n));
        Median cached = medians.get(rackKey);
        if (cached != null && Math.floorDiv(ts, REFIT_MS) == Math.floorDiv(cached.ts(), REFIT_MS)) {
            return cached.value();
        }
        double median = median(modules);
        medians.put(rackKey, new Median(median, ts));
        return median;
    }

    /** True once this task has met {@code rackKey} (seeded or sampled). */
    public boolean knows(String rackKey) {
        return racks.containsKey(rackKey);
    }

    /**
     * Seeds a rack this task has not met with its modules' newest samples (from the module histories): the
     * probes sampled at each module's newest time, as {@link #update} would have kept them.
     */
    public void seed(String rackKey, Map<String, ModuleHistory> histories) {
        Map<String, double[]> modules = racks.computeIfAbsent(rackKey, k -> new HashMap<>());
        histories.forEach((module, history) -> {
            long latest = history.latestTs();
            double[] temps = new double[history.probes()];
            int n = 0;
            for (int p = 0; p < history.probes(); p++) {
                long[] ts = history.ts()[p];
                if (ts.length > 0 && ts[ts.length - 1] == latest) {
                    temps[n++] = history.temps()[p][ts.length - 1];
                }
            }
            modules.put(module, Arrays.copyOf(temps, n));
        });
    }

    static double median(Map<String, double[]> modules) {
        int size = 0;
        for (double[] temps : modules.values()) {
            size += temps.length;
        }
        if (size == 0) {
            return Double.NaN;
        }
        double[] all = new double[size];
        int i = 0;
        for (double[] temps : modules.values()) {
            System.arraycopy(temps, 0, all, i, temps.length);
            i += temps.length;
        }
        Arrays.sort(all);
        return Medians.ofSorted(all, size);
    }
}
