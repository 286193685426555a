package io.firebreak.simulators;

import java.util.HashMap;
import java.util.Map;

/** The probe faults of a room, applied to what the probes would otherwise report. */
final class ProbeFaults {

    static final double SENTINEL_C = -39.0;
    private static final long GLITCH_EVERY_MS = 600_000;

    private record Active(ProbeFault fault, long[] sinceTs, double[] stuck) {
    }

    private final Map<String, Active> faults = new HashMap<>();

    void set(String rack, int module, int probe, ProbeFault fault) {
        String key = rack + "/" + module + "/" + probe;
        if (fault == null) {
            faults.remove(key);
        } else {
            faults.put(key, new Active(fault, new long[] {Long.MIN_VALUE}, new double[] {Double.NaN}));
        }
    }

    boolean isEmpty() {
        return faults.isEmpty();
    }

    /** What the probe reports at {@code ts} when it would read {@code value}; null for no reading. */
    Double apply(String rack, int module, int probe, long ts, double value) {
        Active active = faults.get(rack + "/" + module + "/" + probe);
        if (active == null) {
            return value;
        }
        if (active.sinceTs()[0] == Long.MIN_VALUE) {
            active.sinceTs()[0] = ts;
        }
        long since = active.sinceTs()[0];
        switch (active.fault()) {
            case STUCK -> {
                if (Double.isNaN(active.stuck()[0])) {
                    active.stuck()[0] = value;
                }
                return active.stuck()[0];
            }
            case SENTINEL -> {
                return SENTINEL_C;
            }
            case GLITCH -> {
                long phase = (ts - since) % GLITCH_EVERY_MS;
                return phase < 1000 ? 150.0 : phase < 2000 ? 0.6 : value;
            }
            case DROPOUT -> {
                return null;
            }
            case DRIFT -> {
                return value + 6.0 * (ts - since) / 3_600_000.0;
            }
            default -> throw new IllegalStateException("unknown probe fault " + active.fault());
        }
    }
}
