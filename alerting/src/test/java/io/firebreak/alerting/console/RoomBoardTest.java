package io.firebreak.alerting.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomBoardTest {

    private static final Instant NOW = Instant.parse("2026-12-02T01:00:00Z");
    private final RoomBoard board = new RoomBoard();

    @Test
    void shouldShowTheLatestRiskLevelWhenAFaultAlertComesBetween() {
        // Given B3 is critical
        board.onAlert(alert("alr_fire", RiskLevel.CRITICAL, "smoke"), NOW);

        // When a probe of B3 goes stuck, and later the probe fault resolves
        board.onAlert(alert("alr_probe", RiskLevel.WARNING, "sensor"), NOW.plusSeconds(5));
        assertThat(board.faults("pangyo-a", "B3-battery")).extracting(s -> s.alert().id()).containsExactly("alr_probe");
        board.onAlert(new Alert("alr_probe", "pangyo-a", "B3-battery", RiskLevel.NORMAL, RiskLevel.WARNING, "probe ok",
                List.of(), 3), NOW.plusSeconds(9));

        // Then the room stays critical, on its fire alert, and no fault is open
        assertThat(board.latest("pangyo-a", "B3-battery")).hasValueSatisfying(s -> {
            assertThat(s.alert().id()).isEqualTo("alr_fire");
            assertThat(s.alert().level()).isEqualTo(RiskLevel.CRITICAL);
        });
        assertThat(board.faults("pangyo-a", "B3-battery")).isEmpty();
        assertThat(board.latest("pangyo-a", "B2-battery")).isEmpty();
    }

    @Test
    void shouldShowTheRoomNormalWhenItsRiskAlertResolves() {
        // Given
        board.onAlert(alert("alr_fire", RiskLevel.CRITICAL, "smoke"), NOW);

        // When
        board.onAlert(new Alert("alr_fire", "pangyo-a", "B3-battery", RiskLevel.NORMAL, RiskLevel.CRITICAL, "clear",
                List.of(), 9), NOW.plusSeconds(60));

        // Then
        assertThat(board.latest("pangyo-a", "B3-battery")).hasValueSatisfying(s -> {
            assertThat(s.alert().level()).isEqualTo(RiskLevel.NORMAL);
            assertThat(s.receivedAt()).isEqualTo(NOW.plusSeconds(60));
        });
    }

    private static Alert alert(String id, RiskLevel level, String family) {
        return new Alert(id, "pangyo-a", "B3-battery", level, RiskLevel.NORMAL, id,
                List.of(new Evidence("x", family, "asd-b3-1", 1, "u", 1, false)), 1);
    }
}
