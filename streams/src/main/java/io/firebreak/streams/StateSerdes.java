package io.firebreak.streams;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Compact binary serdes for the per-message state stores: they are read and written for every BMS
 * sample, so JSON there would cost more than the detection itself. The layouts are versioned by a
 * leading byte so a later change can still read what an older instance left in the changelog.
 */
final class StateSerdes {

    /**
     * Version 1 held the recent samples only; version 2 adds the slow trend, repeats and voltage runs; version 3
     * holds version 2 in about half the bytes: each series' times as int offsets from its first, and its
     * temperatures as int hundredths when every one of them is exactly that (a BMS reports 0.01 °C or coarser),
     * else as doubles. Every version is read back exactly as it was written.
     */
    private static final byte VERSION = 3;
    private static final byte INT_TIMES = 1;
    private static final byte HUNDREDTHS = 2;

    private StateSerdes() {
    }

    static Serde<ModuleHistory> moduleHistory() {
        return Serdes.serdeFrom((topic, history) -> history == null ? null : write(history), (topic, bytes) -> bytes == null ? null : readHistory(bytes));
    }

    static Serde<GasTrack> gasTrack() {
        return Serdes.serdeFrom((topic, track) -> track == null ? null : track.toBytes(),
                (topic, bytes) -> bytes == null ? null : GasTrack.fromBytes(bytes));
    }

    private static byte[] write(ModuleHistory history) {
        // each series' layout once: it decides both the size and the encoding
        byte[] layouts = new byte[2 * history.probes()];
        int size = 2 + 12;
        for (int p = 0; p < history.probes(); p++) {
            layouts[2 * p] = layout(history.ts()[p], history.temps()[p]);
            layouts[2 * p + 1] = layout(history.slowTs()[p], history.slowTemps()[p]);
            size += seriesSize(history.ts()[p].length, layouts[2 * p]) + seriesSize(history.slowTs()[p].length, layouts[2 * p + 1]) + 8;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).put(VERSION).put((byte) history.probes());
        for (int p = 0; p < history.probes(); p++) {
            series(buffer, history.ts()[p], history.temps()[p], layouts[2 * p]);
            series(buffer, history.slowTs()[p], history.slowTemps()[p], layouts[2 * p + 1]);
            buffer.putLong(history.unchangedSince()[p]);
        }
        buffer.putInt(history.sagCell()).putInt(history.sagRun()).putInt(history.overRun());
        return buffer.array();
    }

    /** A series: its length, then (when not empty) a layout byte, the first time and the samples. */
    private static int seriesSize(int samples, byte layout) {
        if (samples == 0) {
            return 4;
        }
        return 4 + 1 + 8 + samples * (((layout & INT_TIMES) != 0 ? 4 : 8) + ((layout & HUNDREDTHS) != 0 ? 4 : 8));
    }

    private static byte layout(long[] ts, double[] t) {
        boolean intTimes = true;
        for (long time : ts) {
            intTimes &= fitsInt(time, ts[0]);
        }
        boolean hundredths = true;
        for (double value : t) {
            hundredths &= isHundredths(value);
        }
        return (byte) ((intTimes ? INT_TIMES : 0) | (hundredths ? HUNDREDTHS : 0));
    }

    private static boolean fitsInt(long time, long first) {
        try {
            long offset = Math.subtractExact(time, first);
            return offset >= Integer.MIN_VALUE && offset <= Integer.MAX_VALUE;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /** True when {@code value} is exactly what reading its hundredths back gives (so storing them loses nothing). */
    private static boolean isHundredths(double value) {
        double scaled = value * 100;
        if (!(Math.abs(scaled) < Integer.MAX_VALUE)) {
            return false;
        }
        long hundredths = Math.round(scaled);
        return Double.doubleToRawLongBits(hundredths / 100.0) == Double.doubleToRawLongBits(value);
    }

    private static void series(ByteBuffer buffer, long[] ts, double[] t, byte layout) {
        buffer.putInt(ts.length);
        if (ts.length == 0) {
            return;
        }
        buffer.put(layout).putLong(ts[0]);
        for (int i = 0; i < ts.length; i++) {
            if ((layout & INT_TIMES) != 0) {
                buffer.putInt((int) (ts[i] - ts[0]));
            } else {
                buffer.putLong(ts[i]);
            }
            if ((layout & HUNDREDTHS) != 0) {
                buffer.putInt((int) Math.round(t[i] * 100));
            } else {
                buffer.putDouble(t[i]);
            }
        }
    }

    private static ModuleHistory readHistory(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte version = buffer.get();
        if (version != 1 && version != 2) {
            checkVersion(version, "module-history");
        }
        int probes = buffer.get();
        ModuleHistory history = ModuleHistory.empty(probes);
        for (int p = 0; p < probes; p++) {
            int n = buffer.getInt();
            history.ts()[p] = new long[n];
            history.temps()[p] = new double[n];
            read(buffer, version, history.ts()[p], history.temps()[p]);
            if (version == 1) {
                continue;
            }
            int slow = buffer.getInt();
            history.slowTs()[p] = new long[slow];
            history.slowTemps()[p] = new double[slow];
            read(buffer, version, history.slowTs()[p], history.slowTemps()[p]);
            history.unchangedSince()[p] = buffer.getLong();
        }
        return version == 1 ? history : history.withVoltageRuns(buffer.getInt(), buffer.getInt(), buffer.getInt());
    }

    private static void read(ByteBuffer buffer, byte version, long[] ts, double[] t) {
        if (version < 3) {
            for (int i = 0; i < ts.length; i++) {
                ts[i] = buffer.getLong();
                t[i] = buffer.getDouble();
            }
            return;
        }
        if (ts.length == 0) {
            return;
        }
        byte layout = buffer.get();
        long first = buffer.getLong();
        for (int i = 0; i < ts.length; i++) {
            ts[i] = (layout & INT_TIMES) != 0 ? first + buffer.getInt() : buffer.getLong();
            t[i] = (layout & HUNDREDTHS) != 0 ? buffer.getInt() / 100.0 : buffer.getDouble();
        }
    }

    private static void checkVersion(byte version, String store) {
        if (version != VERSION) {
            throw new IllegalStateException(store + ": unknown state layout version " + version);
        }
    }
}
