package io.firebreak.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdOverridesTest {

    @Test
    void shouldKeepTheDefaultsWhenNothingIsSet() {
        assertThat(ThresholdOverrides.apply(null)).isEqualTo(Thresholds.defaults());
    }

    @Test
    void shouldApplyNumbersAndDurationsByTheirSnakeCaseKeys() {
        Thresholds t = ThresholdOverrides.apply(Map.of("cell_max_v", 4.25, "stuck_after", "15m", "silence_after", "45s", "sag_samples", 20));

        assertThat(t.precursors().cellMaxV()).isEqualTo(4.25);
        assertThat(t.precursors().stuckAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(t.silenceAfter()).isEqualTo(Duration.ofSeconds(45));
        assertThat(t.precursors().sagSamples()).isEqualTo(20);
        assertThat(t.smokeFire()).isEqualTo(Thresholds.defaults().smokeFire());
    }

    @Test
    void shouldNameTheKeyOfAnUnknownOrBadThreshold() {
        assertThatThrownBy(() -> ThresholdOverrides.apply(Map.of("cell_max_volts", 4.2)))
                .hasMessageStartingWith("detect.thresholds.cell_max_volts: unknown threshold; known: ");
        assertThatThrownBy(() -> ThresholdOverrides.apply(Map.of("sag_v", "lots")))
                .hasMessage("detect.thresholds.sag_v: must be a number, was 'lots'");
        assertThatThrownBy(() -> ThresholdOverrides.apply(Map.of("stuck_after", "soon")))
                .hasMessageContaining("detect.thresholds.stuck_after: must be a duration");
        assertThatThrownBy(() -> ThresholdOverrides.apply(Map.of("smoke_fire", 0.01)))
                .hasMessageContaining("detect.thresholds.smoke: alert < action < fire must hold");
    }
}
