package io.firebreak.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void shouldRefuseAnUnknownLayoutVersion() {
        assertThatThrownBy(() -> StateSerdes.moduleHistory().deserializer().deserialize("t", new byte[] {9, 0}))
                .hasMessageContaining("unknown state layout version 9");
    }
}
