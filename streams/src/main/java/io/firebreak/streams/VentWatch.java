package io.firebreak.streams;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Tells a vent from a whiff: a zone's gas at or above its absolute level for {@link Escalation#ventSustain}
 * without a break, and still rising over that time (a Theil-Sen slope above zero, so one noisy reading
 * neither makes nor breaks it). A cell venting electrolyte keeps the level up and climbing for minutes;
 * a puff of solvent or a short vent that the ventilation is already clearing does not. Per sensor and gas,
 * in task memory like the baselines: after a restart a vent is recognised again within the sustain time.
 */
final class VentWatch {

    /** One sample kept per this much event time. */
    static final long STEP_MS = 10_000;

    private record Track(long aboveSince, long[] ts, double[] ppm) {
    }

    private final long sustainMs;
    private final Map<String, Track> tracks = new HashMap<>();

    VentWatch(Escalation escalation) {
        this.sustainMs = escalation.ventSustain().toMillis();
    }

    /** Records {@code ppm} of {@code key} (sensor and gas) at {@code ts}; true while it is a vent. */
    boolean venting(String key, long ts, double ppm, double level) {
        Track track = tracks.get(key);
        if (ppm < level || track != null && ts < track.ts()[track.ts().length - 1]) {
            // below the level (or a reading older than the track): the run is broken
            tracks.remove(key);
            if (ppm < level) {
                return false;
            }
            track = null;
        }
        if (track == null) {
            tracks.put(key, new Track(ts, new long[] {ts}, new double[] {ppm}));
            return false;
        }
        long[] times = track.ts();
        if (ts - times[times.length - 1] >= STEP_MS) {
            int start = 0;
            while (start < times.length && times[start] < ts - sustainMs) {
                start++;
            }
            long[] nextTs = Arrays.copyOfRange(times, start, times.length + 1);
            double[] nextPpm = Arrays.copyOfRange(track.ppm(), start, times.length + 1);
            nextTs[nextTs.length - 1] = ts;
            nextPpm[nextPpm.length - 1] = ppm;
            track = new Track(track.aboveSince(), nextTs, nextPpm);
            tracks.put(key, track);
        }
        return ts - track.aboveSince() >= sustainMs && track.ts().length >= 3
                && ThermalAnalyzer.theilSen(track.ts(), track.ppm(), 0) > 0;
    }
}
