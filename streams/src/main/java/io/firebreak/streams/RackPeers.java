package io.firebreak.streams;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The latest temperature of every probe of one rack, keyed {@code module/pN}: the peers a probe is compared with. */
public record RackPeers(Map<String, Double> latest) {

    public RackPeers {
        latest = Map.copyOf(latest);
    }

    static RackPeers empty() {
        return new RackPeers(Map.of());
    }

    RackPeers with(String module, List<Double> probeTemps) {
        Map<String, Double> next = new HashMap<>(latest);
        for (int p = 0; p < probeTemps.size(); p++) {
            Double t = probeTemps.get(p);
            if (t != null) {
                next.put(module + "/p" + (p + 1), t);
            }
        }
        return new RackPeers(next);
    }

    /** The median of the rack's latest probe temperatures: one hot module barely moves it. */
    double median() {
        double[] values = latest.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        return values.length % 2 == 1 ? values[values.length / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
