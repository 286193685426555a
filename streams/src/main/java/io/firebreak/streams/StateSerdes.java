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

    /** Version 1 held the recent samples only; version 2 adds the slow trend, repeats and voltage runs. */
    private static final byte VERSION = 2;

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
        int size = 2 + 12;
        for (int p = 0; p < history.probes(); p++) {
            size += 8 + history.ts()[p].length * 16 + history.slowTs()[p].length * 16 + 8;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).put(VERSION).put((byte) history.probes());
        for (int p = 0; p < history.probes(); p++) {
            series(buffer, history.ts()[p], history.temps()[p]);
            series(buffer, history.slowTs()[p], history.slowTemps()[p]);
            buffer.putLong(history.unchangedSince()[p]);
        }
        buffer.putInt(history.sagCell()).putInt(history.sagRun()).putInt(history.overRun());
        return buffer.array();
    }

    private static void series(ByteBuffer buffer, long[] ts, double[] t) {
        buffer.putInt(ts.length);
        for (int i = 0; i < ts.length; i++) {
            buffer.putLong(ts[i]).putDouble(t[i]);
        }
    }

    private static ModuleHistory readHistory(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte version = buffer.get();
        if (version != 1) {
            checkVersion(version, "module-history");
        }
        int probes = buffer.get();
        ModuleHistory history = ModuleHistory.empty(probes);
        for (int p = 0; p < probes; p++) {
            int n = buffer.getInt();
            history.ts()[p] = new long[n];
            history.temps()[p] = new double[n];
            read(buffer, history.ts()[p], history.temps()[p]);
            if (version == 1) {
                continue;
            }
            int slow = buffer.getInt();
            history.slowTs()[p] = new long[slow];
            history.slowTemps()[p] = new double[slow];
            read(buffer, history.slowTs()[p], history.slowTemps()[p]);
            history.unchangedSince()[p] = buffer.getLong();
        }
        return version == 1 ? history : history.withVoltageRuns(buffer.getInt(), buffer.getInt(), buffer.getInt());
    }

    private static void read(ByteBuffer buffer, long[] ts, double[] t) {
        for (int i = 0; i < ts.length; i++) {
            ts[i] = buffer.getLong();
            t[i] = buffer.getDouble();
        }
    }

    private static void checkVersion(byte version, String store) {
        if (version != VERSION) {
            throw new IllegalStateException(store + ": unknown state layout version " + version);
        }
    }
}
