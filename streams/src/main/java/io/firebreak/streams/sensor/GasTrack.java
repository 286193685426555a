package io.firebreak.streams.sensor;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What detection keeps of one sensor's one gas (store {@code gas-history}, on the room's readings
 * partition, changelogged): the zone's clean-air baseline and, while the gas is at or above its absolute
 * level, the run that tells a vent from a whiff (see {@link VentWatch}). In a store rather than in task
 * memory so that a vent under way is still a vent when the room's partition moves to another instance.
 *
 * @param baselinePpm the slow average of clean readings, {@code NaN} until one is seen
 * @param baselineTs  the event time of the last clean reading that taught the baseline
 * @param aboveSince  since when the gas has been at or above its level without a break, or
 *                    {@link Long#MIN_VALUE} when it is below
 * @param ts          the run's samples, one per {@link VentWatch#STEP_MS}, oldest first
 * @param ppm         their levels
 */
public record GasTrack(double baselinePpm, long baselineTs, long aboveSince, long[] ts, double[] ppm) {

    private static final byte VERSION = 1;

    public static final GasTrack EMPTY = new GasTrack(Double.NaN, Long.MIN_VALUE, Long.MIN_VALUE, new long[0], new double[0]);

    boolean hasBaseline() {
        return !Double.isNaN(baselinePpm);
    }

    boolean inRun() {
        return aboveSince != Long.MIN_VALUE;
    }

    long lastTs() {
        return ts[ts.length - 1];
    }

    public GasTrack withBaseline(double ppmValue, long at) {
        return new GasTrack(ppmValue, at, aboveSince, ts, ppm);
    }

    public GasTrack withRun(long since, long[] runTs, double[] runPpm) {
        return new GasTrack(baselinePpm, baselineTs, since, runTs, runPpm);
    }

    GasTrack withoutRun() {
        return new GasTrack(baselinePpm, baselineTs, Long.MIN_VALUE, EMPTY.ts, EMPTY.ppm);
    }

    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(1 + 8 + 8 + 8 + 4 + ts.length * 16)
                .put(VERSION).putDouble(baselinePpm).putLong(baselineTs).putLong(aboveSince).putInt(ts.length);
        for (int i = 0; i < ts.length; i++) {
            buffer.putLong(ts[i]).putDouble(ppm[i]);
        }
        return buffer.array();
    }

    public static GasTrack fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte version = buffer.get();
        if (version != VERSION) {
            throw new IllegalStateException("gas-history: unknown state layout version " + version);
        }
        double baseline = buffer.getDouble();
        long baselineAt = buffer.getLong();
        long since = buffer.getLong();
        int n = buffer.getInt();
        long[] times = new long[n];
        double[] levels = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = buffer.getLong();
            levels[i] = buffer.getDouble();
        }
        return new GasTrack(baseline, baselineAt, since, times, levels);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GasTrack t && Double.compare(baselinePpm, t.baselinePpm) == 0 && baselineTs == t.baselineTs
                && aboveSince == t.aboveSince && Arrays.equals(ts, t.ts) && Arrays.equals(ppm, t.ppm);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ts) + Long.hashCode(aboveSince);
    }

    @Override
    public String toString() {
        return "GasTrack[baseline=" + baselinePpm + "@" + baselineTs + ", aboveSince=" + aboveSince + ", samples=" + ts.length + "]";
    }
}
