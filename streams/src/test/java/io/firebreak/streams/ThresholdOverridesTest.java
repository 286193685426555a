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

    @Test
    void shouldCheckEachValueByItsRulesDeclaration() {
        assertThatThrownBy(() -> ThresholdOverrides.apply(Map.of("hint_fraction", 1.5)))
                .hasMessage("detect.thresholds.hint_fraction: must be in (0, 1), was 1.5");
        assertThatThrownBy(() -> ThresholdOverrides.apply(Map.of("hold_after", "10s")))
                .hasMessage("detect.thresholds.hold_after: must be >= 30s, was 10s");
        assertThatThrownBy(() -> ThresholdOverrides.apply(Map.of("sag_samples", 2.5)))
                .hasMessage("detect.thresholds.sag_samples: must be a whole number, was '2.5'");
        assertThatThrownBy(() -> ThresholdOverrides.apply(Map.of("worsening_factor", 1)))
                .hasMessage("detect.thresholds.worsening_factor: must be > 1, was 1");
        assertThatThrownBy(() -> ThresholdOverrides.apply(Map.of("drift_c_per_min", 0.9)))
                .hasMessageStartingWith("detect.thresholds.drift_c_per_min: must be at most hot_spot_c_per_min");
        assertThatThrownBy(() -> ThresholdOverrides.apply(Map.of("cell_max_v", "NaN")))
                .hasMessage("detect.thresholds.cell_max_v: must be a number, was 'NaN'");
        java.util.Map<String, Object> unset = new java.util.HashMap<>();
        unset.put("voc_ppm", null);
        assertThatThrownBy(() -> ThresholdOverrides.apply(unset))
                .hasMessage("detect.thresholds.voc_ppm: has no value; leave it out for its default 20");
    }

    @Test
    void shouldTakeTheChargeLimitFromTheChemistryUnlessANumberIsSet() {
        assertThat(ThresholdOverrides.apply(Map.of("cell_max_v", "Chemistry")).precursors().cellMaxV()).isNaN();
        assertThat(ThresholdOverrides.defaults()).containsEntry("cell_max_v", "chemistry").containsEntry("hold_after", "10m")
                .containsEntry("smoke_alert", "0.04").containsEntry("sag_samples", "30");
    }

    @Test
    void shouldRefuseARecordBuiltByHandWithABadValue() {
        Escalation e = Thresholds.defaults().escalation();

        assertThatThrownBy(() -> new Escalation(e.ventSustain(), e.worseningAfter(), e.worseningFactor(), 0, e.corroborationScore()))
                .hasMessage("detect.thresholds.hint_fraction: must be in (0, 1), was 0");
    }
}
