package io.firebreak.streams;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest probe temperatures of every module of the racks one stream task owns: the peers a probe is
 * compared with. Kept in memory, not in a changelogged store: every module reports every second, so
 * after a restart or a task move the table is whole again one sample period later, and nothing that
 * outlives a sample is lost. Bounded by the number of probes, never by time.
 */
final class RackPeers {

    /** The rack median is refitted at most once per this much event time: every module reports each second. */
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
    double update(String rackKey, String module, List<Double> probeTemps, long ts) {
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
        if (cached != null && ts >= cached.ts() && ts - cached.ts() < REFIT_MS) {
            return cached.value();
        }
        double median = median(modules);
        medians.put(rackKey, new Median(median, ts));
        return median;
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
