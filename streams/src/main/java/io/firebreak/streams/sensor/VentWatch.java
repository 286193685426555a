package io.firebreak.streams.sensor;

import io.firebreak.streams.Escalation;
import io.firebreak.streams.Threshold;
import io.firebreak.streams.Threshold.Check;
import io.firebreak.streams.rack.ThermalAnalyzer;
import java.time.Duration;
import java.util.Arrays;

/**
 * Tells a vent from a whiff: a zone's gas at or above its absolute level for {@link Escalation#ventSustain}
 * without a break, and still rising over that time (a Theil-Sen slope above zero, so one noisy reading
 * neither makes nor breaks it). A cell venting electrolyte keeps the level up and climbing for minutes;
 * a puff of solvent or a short vent that the ventilation is already clearing does not. A pure function of
 * the sensor's {@link GasTrack}, which lives in the {@code gas-history} store: a vent under way survives a
 * restart or a partition moving to another instance.
 */
public final class VentWatch {

    public static final Threshold<Duration> VENT_SUSTAIN = Threshold.duration("vent_sustain", Duration.ofMinutes(2), Check.atLeast(Duration.ofSeconds(30)),
            "a zone's gas at or above its absolute level this long, and still rising, is a vent: a warning with the early-drain"
                    + " countdown, critical with a co-located hint or when it keeps worsening");

    /** One sample kept per this much event time. */
    static final long STEP_MS = 10_000;

    private final long sustainMs;

    VentWatch(Escalation escalation) {
        this.sustainMs = escalation.ventSustain().toMillis();
    }

    /** The track after {@code ppm} at {@code ts}, against the gas's absolute {@code level}. */
    GasTrack record(GasTrack track, long ts, double ppm, double level) {
        if (ppm < level || track.inRun() && ts < track.lastTs()) {
            // below the level (or a reading older than the run): the run is broken
            return ppm < level ? track.withoutRun() : track.withRun(ts, new long[] {ts}, new double[] {ppm});
        }
        if (!track.inRun()) {
            return track.withRun(ts, new long[] {ts}, new double[] {ppm});
        }
        long[] times = track.ts();
        if (ts - track.lastTs() < STEP_MS) {
            return track;
        }
        int start = 0;
        while (start < times.length && times[start] < ts - sustainMs) {
            start++;
        }
        long[] nextTs = Arrays.copyOfRange(times, start, times.length + 1);
        double[] nextPpm = Arrays.copyOfRange(track.ppm(), start, times.length + 1);
        nextTs[nextTs.length - 1] = ts;
        nextPpm[nextPpm.length - 1] = ppm;
        return track.withRun(track.aboveSince(), nextTs, nextPpm);
    }

    /** True while {@code track}'s run, at event time {@code ts}, is a vent. */
    boolean venting(GasTrack track, long ts) {
        return track.inRun() && ts - track.aboveSince() >= sustainMs && track.ts().length >= 3
                && ThermalAnalyzer.theilSen(track.ts(), track.ppm(), 0) > 0;
    }
}
