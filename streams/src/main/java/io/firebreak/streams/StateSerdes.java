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

    private static final byte VERSION = 1;

    private StateSerdes() {
    }

    static Serde<ModuleHistory> moduleHistory() {
        return Serdes.serdeFrom((topic, history) -> history == null ? null : write(history), (topic, bytes) -> bytes == null ? null : readHistory(bytes));
    }

    private static byte[] write(ModuleHistory history) {
        int size = 2;
        for (long[] ts : history.ts()) {
            size += 4 + ts.length * 16;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).put(VERSION).put((byte) history.probes());
        for (int p = 0; p < history.probes(); p++) {
            long[] ts = history.ts()[p];
            double[] t = history.temps()[p];
            buffer.putInt(ts.length);
            for (int i = 0; i < ts.length; i++) {
                buffer.putLong(ts[i]).putDouble(t[i]);
            }
        }
        return buffer.array();
    }

    private static ModuleHistory readHistory(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        checkVersion(buffer.get(), "module-history");
        int probes = buffer.get();
        long[][] ts = new long[probes][];
        double[][] temps = new double[probes][];
        for (int p = 0; p < probes; p++) {
            int n = buffer.getInt();
            ts[p] = new long[n];
            temps[p] = new double[n];
            for (int i = 0; i < n; i++) {
                ts[p][i] = buffer.getLong();
                temps[p][i] = buffer.getDouble();
            }
        }
        return new ModuleHistory(ts, temps);
    }

    private static void checkVersion(byte version, String store) {
        if (version != VERSION) {
            throw new IllegalStateException(store + ": unknown state layout version " + version);
        }
    }
}
