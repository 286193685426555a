package io.firebreak.streams.topology;

import io.firebreak.streams.rack.ModuleHistory;
import io.firebreak.streams.sensor.GasTrack;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.ByteUtils;

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
     * else as doubles. Version 4 holds the same in about a third of version 3's bytes: lengths, and each sample's
     * time and hundredths as the zigzag varint of its step from the sample before (Kafka's own record encoding), a
     * step of one second and a few hundredths taking three bytes instead of eight. Every version is read back
     * exactly as it was written.
     */
    private static final byte VERSION = 4;
    private static final byte INT_TIMES = 1;
    private static final byte HUNDREDTHS = 2;
    /** The most bytes a zigzag varint of an int (of a long) takes. */
    private static final int MAX_VARINT = 5;
    private static final int MAX_VARLONG = 10;
    /** Per thread, a buffer a history is written into before it is copied out at its exact size. */
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocate(1 << 14));

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
        int probes = history.probes();
        // at most: per sample a varlong and a varint or a double; per series a length, a layout and its first time
        int bound = 2 + 3 * MAX_VARINT;
        for (int p = 0; p < probes; p++) {
            bound += (history.ts()[p].length + history.slowTs()[p].length) * (MAX_VARLONG + 8)
                    + 2 * (MAX_VARINT + 1 + 8) + 8;
        }
        ByteBuffer buffer = SCRATCH.get();
        if (buffer.capacity() < bound) {
            buffer = ByteBuffer.allocate(Integer.highestOneBit(bound) << 1);
            SCRATCH.set(buffer);
        }
        buffer.clear();
        buffer.put(VERSION).put((byte) probes);
        for (int p = 0; p < probes; p++) {
            series(buffer, history.ts()[p], history.temps()[p]);
            series(buffer, history.slowTs()[p], history.slowTemps()[p]);
            buffer.putLong(history.unchangedSince()[p]);
        }
        ByteUtils.writeVarint(history.sagCell(), buffer);
        ByteUtils.writeVarint(history.sagRun(), buffer);
        ByteUtils.writeVarint(history.overRun(), buffer);
        return Arrays.copyOf(buffer.array(), buffer.position());
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

    /**
     * A series in version 4: its length, then (when not empty) whether its temperatures are hundredths, the first
     * time, and per sample the step of its time (and of its hundredths) from the sample before, or its double.
     */
    private static void series(ByteBuffer buffer, long[] ts, double[] t) {
        ByteUtils.writeVarint(ts.length, buffer);
        if (ts.length == 0) {
            return;
        }
        boolean hundredths = true;
        for (int i = 0; i < t.length && hundredths; i++) {
            hundredths = isHundredths(t[i]);
        }
        buffer.put(hundredths ? HUNDREDTHS : 0).putLong(ts[0]);
        long previousTs = ts[0];
        int previous = 0;
        for (int i = 0; i < ts.length; i++) {
            ByteUtils.writeVarlong(ts[i] - previousTs, buffer);
            previousTs = ts[i];
            if (hundredths) {
                int value = (int) Math.round(t[i] * 100);
                ByteUtils.writeVarint(value - previous, buffer);
                previous = value;
            } else {
                buffer.putDouble(t[i]);
            }
        }
    }

    private static ModuleHistory readHistory(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte version = buffer.get();
        if (version < 1 || version > 3) {
            checkVersion(version, "module-history");
        }
        int probes = buffer.get();
        ModuleHistory history = ModuleHistory.empty(probes);
        for (int p = 0; p < probes; p++) {
            int n = length(buffer, version);
            history.ts()[p] = new long[n];
            history.temps()[p] = new double[n];
            read(buffer, version, history.ts()[p], history.temps()[p]);
            if (version == 1) {
                continue;
            }
            int slow = length(buffer, version);
            history.slowTs()[p] = new long[slow];
            history.slowTemps()[p] = new double[slow];
            read(buffer, version, history.slowTs()[p], history.slowTemps()[p]);
            history.unchangedSince()[p] = buffer.getLong();
        }
        if (version == 1) {
            return history;
        }
        return version < 4 ? history.withVoltageRuns(buffer.getInt(), buffer.getInt(), buffer.getInt())
                : history.withVoltageRuns(ByteUtils.readVarint(buffer), ByteUtils.readVarint(buffer), ByteUtils.readVarint(buffer));
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
        if (version >= 4) {
            long time = first;
            int hundredths = 0;
            for (int i = 0; i < ts.length; i++) {
                time += ByteUtils.readVarlong(buffer);
                ts[i] = time;
                if ((layout & HUNDREDTHS) != 0) {
                    hundredths += ByteUtils.readVarint(buffer);
                    t[i] = hundredths / 100.0;
                } else {
                    t[i] = buffer.getDouble();
                }
            }
            return;
        }
        for (int i = 0; i < ts.length; i++) {
            ts[i] = (layout & INT_TIMES) != 0 ? first + buffer.getInt() : buffer.getLong();
            t[i] = (layout & HUNDREDTHS) != 0 ? buffer.getInt() / 100.0 : buffer.getDouble();
        }
    }

    private static int length(ByteBuffer buffer, byte version) {
        return version >= 4 ? ByteUtils.readVarint(buffer) : buffer.getInt();
    }

    private static void checkVersion(byte version, String store) {
        if (version != VERSION) {
            throw new IllegalStateException(store + ": unknown state layout version " + version);
        }
    }
}
