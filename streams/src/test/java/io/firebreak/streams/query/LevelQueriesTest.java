package io.firebreak.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.streams.room.RoomState;
import io.firebreak.streams.room.Signal;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LevelQueriesTest {

    private static Signal signal(String name, String family, String where, RiskLevel level) {
        return new Signal("s", "r", new Evidence(name, family, where, 1, "", 5, level == RiskLevel.CRITICAL), level, false);
    }

    @Test
    void shouldGiveEachRackTheLevelOfItsStrongestThermalOrVoltageSignal() {
        RoomState state = RoomState.normal().withLevel(RiskLevel.CRITICAL, "alr_1", 5, "drn_1", Map.of(
                "a", signal("thermal_runaway", "thermal", "3E-1/M04/p2", RiskLevel.CRITICAL),
                "b", signal("cell_voltage_collapse", "voltage", "3E-1/M04/c8", RiskLevel.WARNING),
                "c", signal("cell_temp_rise", "thermal", "3E-2/M01/p1", RiskLevel.WARNING),
                "d", signal("smoke", "smoke", "asd-b3-1", RiskLevel.WARNING)), 0).heard(5);

        assertThat(LevelQueries.racks(state)).containsExactly(
                Map.entry("3E-1", RiskLevel.CRITICAL), Map.entry("3E-2", RiskLevel.WARNING));
        assertThat(LevelQueries.room("s", "r", state).get("racks").get("3E-1").asText()).isEqualTo("critical");
    }

    @Test
    void shouldAnswerNormalForARoomWithNoState() {
        assertThat(LevelQueries.room("s", "r", null).get("level").asText()).isEqualTo("normal");
    }
}
