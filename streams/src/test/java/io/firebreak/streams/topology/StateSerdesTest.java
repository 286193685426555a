package io.firebreak.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.streams.rack.ModuleHistory;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateSerdesTest {

    @Test
    void shouldRoundTripModuleHistory() {
        ModuleHistory history = ModuleHistory.empty(4).append(1000, List.of(25.0, 25.5, 26.0, 24.9), 0)
                .append(2000, java.util.Arrays.asList(25.1, null, 26.2, 24.8), 0);

        byte[] bytes = StateSerdes.moduleHistory().serializer().serialize("t", history);
        ModuleHistory back = StateSerdes.moduleHistory().deserializer().deserialize("t", bytes);

        assertThat(back.ts()).isDeepEqualTo(history.ts());
        assertThat(back.temps()).isDeepEqualTo(history.temps());
        assertThat(back.ts()[1]).containsExactly(1000L);
    }

    @Test
    void shouldRoundTripTheSlowTrendRepeatsAndVoltageRuns() {
        ModuleHistory history = ModuleHistory.empty(2);
        for (int s = 0; s < 100; s++) {
            history = history.append(s * 1000L, List.of(25.0 + s * 0.01, 30.0), s * 1000L - 35_000);
        }
        history = history.withVoltageRuns(4, 31, 2);

        ModuleHistory back = StateSerdes.moduleHistory().deserializer().deserialize("t",
                StateSerdes.moduleHistory().serializer().serialize("t", history));

        assertThat(back.slowTs()[0]).containsExactly(0L, 30_000L, 60_000L, 90_000L);
        assertThat(back.slowTemps()).isDeepEqualTo(history.slowTemps());
        assertThat(back.unchangedSince()).containsExactly(99_000L, 0L);
        assertThat(back.ts()[0]).hasSize(36);
        assertThat(List.of(back.sagCell(), back.sagRun(), back.overRun())).containsExactly(4, 31, 2);
    }

    /** A module sampled every second for two minutes, its probes in hundredths of a degree as a BMS reports them. */
    private static ModuleHistory fullHistory(boolean hundredths) {
        ModuleHistory history = ModuleHistory.empty(4);
        for (int s = 0; s < 120; s++) {
            double drift = s * 0.0173;
            List<Double> probes = java.util.stream.Stream.of(25.0 + drift, 25.51 + drift, 26.02, -3.07 - drift)
                    .map(v -> hundredths ? Math.round(v * 100) / 100.0 : v).toList();
            history = history.append(1_665_814_745_000L + s * 1000L, probes, 1_665_814_745_000L + s * 1000L - 60_000);
        }
        return history;
    }

    /** The layout of version 2 (8-byte times and temperatures), as an instance of that version left it in the changelog. */
    private static byte[] version2(ModuleHistory history) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 16).put((byte) 2).put((byte) history.probes());
        for (int p = 0; p < history.probes(); p++) {
            for (int series = 0; series < 2; series++) {
                long[] ts = series == 0 ? history.ts()[p] : history.slowTs()[p];
                double[] t = series == 0 ? history.temps()[p] : history.slowTemps()[p];
                buffer.putInt(ts.length);
                for (int i = 0; i < ts.length; i++) {
                    buffer.putLong(ts[i]).putDouble(t[i]);
                }
            }
            buffer.putLong(history.unchangedSince()[p]);
        }
        buffer.putInt(history.sagCell()).putInt(history.sagRun()).putInt(history.overRun());
        bytes.write(buffer.array(), 0, buffer.position());
        return bytes.toByteArray();
    }

    /** The layout of version 3 (int time offsets, int hundredths where exact), as an instance of that version left it. */
    private static byte[] version3(ModuleHistory history) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 16).put((byte) 3).put((byte) history.probes());
        for (int p = 0; p < history.probes(); p++) {
            for (int series = 0; series < 2; series++) {
                long[] ts = series == 0 ? history.ts()[p] : history.slowTs()[p];
                double[] t = series == 0 ? history.temps()[p] : history.slowTemps()[p];
                buffer.putInt(ts.length);
                if (ts.length == 0) {
                    continue;
                }
                boolean hundredths = java.util.Arrays.stream(t).allMatch(v -> Math.round(v * 100) / 100.0 == v);
                buffer.put((byte) (1 | (hundredths ? 2 : 0))).putLong(ts[0]);
                for (int i = 0; i < ts.length; i++) {
                    buffer.putInt((int) (ts[i] - ts[0]));
                    if (hundredths) {
                        buffer.putInt((int) Math.round(t[i] * 100));
                    } else {
                        buffer.putDouble(t[i]);
                    }
                }
            }
            buffer.putLong(history.unchangedSince()[p]);
        }
        buffer.putInt(history.sagCell()).putInt(history.sagRun()).putInt(history.overRun());
        return java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }

    @Test
    void shouldStillReadWhatAVersion3InstanceLeftInTheChangelog() {
        for (boolean hundredths : new boolean[] {true, false}) {
            ModuleHistory history = fullHistory(hundredths).withVoltageRuns(5, 7, 2);

            ModuleHistory back = StateSerdes.moduleHistory().deserializer().deserialize("t", version3(history));

            assertThat(back.ts()).isDeepEqualTo(history.ts());
            assertThat(back.temps()).isDeepEqualTo(history.temps());
            assertThat(back.slowTs()).isDeepEqualTo(history.slowTs());
            assertThat(back.slowTemps()).isDeepEqualTo(history.slowTemps());
            assertThat(List.of(back.sagCell(), back.sagRun(), back.overRun())).containsExactly(5, 7, 2);
        }
    }

    @Test
    void shouldKeepAFullHistoryInAFifthOfTheBytesOfVersion2AndReadItBackExactly() {
        for (boolean hundredths : new boolean[] {true, false}) {
            ModuleHistory history = fullHistory(hundredths);

            byte[] bytes = StateSerdes.moduleHistory().serializer().serialize("t", history);
            ModuleHistory back = StateSerdes.moduleHistory().deserializer().deserialize("t", bytes);

            assertThat(back.ts()).isDeepEqualTo(history.ts());
            assertThat(back.temps()).as("hundredths %s", hundredths).isDeepEqualTo(history.temps());
            assertThat(back.slowTs()).isDeepEqualTo(history.slowTs());
            assertThat(back.slowTemps()).isDeepEqualTo(history.slowTemps());
            assertThat(back.unchangedSince()).containsExactly(history.unchangedSince());
            double ratio = (double) bytes.length / version2(history).length;
            // hundredths: 3 bytes a sample (a 1 s step, a step of a few hundredths) against 16; doubles: 10 against 16
            assertThat(ratio).as("hundredths %s: bytes against version 2", hundredths).isLessThan(hundredths ? 0.25 : 0.7);
        }
    }

    @Test
    void shouldStillReadWhatAVersion2InstanceLeftInTheChangelog() {
        ModuleHistory history = fullHistory(false).withVoltageRuns(3, 12, 1);

        ModuleHistory back = StateSerdes.moduleHistory().deserializer().deserialize("t", version2(history));

        assertThat(back.ts()).isDeepEqualTo(history.ts());
        assertThat(back.temps()).isDeepEqualTo(history.temps());
        assertThat(back.slowTemps()).isDeepEqualTo(history.slowTemps());
        assertThat(List.of(back.sagCell(), back.sagRun(), back.overRun())).containsExactly(3, 12, 1);
    }

    @Test
    void shouldRefuseAnUnknownLayoutVersion() {
        assertThatThrownBy(() -> StateSerdes.moduleHistory().deserializer().deserialize("t", new byte[] {9, 0}))
                .hasMessageContaining("unknown state layout version 9");
    }
}
