package io.firebreak.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.GatewayStatus;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.RiskLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rooms' current state is written at every report, whatever the time of the last level change. */
class RoomStatesTest {

    private final RoomStates rooms = new RoomStates();

    private static Reading gateway(String room) {
        return new Reading(DeviceAddress.of("pangyo-a", room, io.firebreak.telemetry.contract.DeviceKind.GATEWAY, "gw-1"),
                1_000, 1L, 1_050, false, new GatewayStatus(true));
    }

    @Test
    void shouldReportCriticalRoomAtEveryReportWhenItsAlertIsOld() {
        // Given a room that went critical long ago and a quiet room
        rooms.onAlert(new Alert("alr-1", "pangyo-a", "B3-battery", RiskLevel.CRITICAL, RiskLevel.WARNING, "runaway", List.of(), 5_000));
        rooms.onReading(gateway("B3-battery"), 90_000);
        rooms.onReading(gateway("B2-battery"), 95_000);

        // When the sink reports, days later
        List<SeriesPoint> points = rooms.points(100_000);

        // Then both rooms have a point now, with level, since and telemetry age
        assertThat(points).hasSize(2).allSatisfy(p -> {
            assertThat(p.measurement()).isEqualTo("room_state");
            assertThat(p.timeMs()).isEqualTo(100_000);
        });
        SeriesPoint fire = points.stream().filter(p -> p.tags().get("room").equals("B3-battery")).findFirst().orElseThrow();
        assertThat(fire.fields()).containsEntry("level_rank", 3L).containsEntry("level", "critical").containsEntry("alert_id", "alr-1")
                .containsEntry("since_ms", 5_000L).containsEntry("telemetry_age_s", 10.0);
        SeriesPoint quiet = points.stream().filter(p -> p.tags().get("room").equals("B2-battery")).findFirst().orElseThrow();
        assertThat(quiet.fields()).containsEntry("level_rank", 0L).containsEntry("level", "normal").containsEntry("telemetry_age_s", 5.0);
    }

    @Test
    void shouldKeepConsumedStateWhenSeededAfterwards() {
        rooms.onAlert(new Alert("alr-2", "pangyo-a", "B3-battery", RiskLevel.WARNING, RiskLevel.NORMAL, "off-gas", List.of(), 7_000));

        rooms.seed("pangyo-a", "B3-battery", 3.0, "alr-1", 5_000.0, 4_000.0);
        rooms.seed("pangyo-a", "B1-battery", 3.0, "alr-0", 1_000.0, null);

        assertThat(rooms.get("pangyo-a", "B3-battery").levelRank()).isEqualTo(2);
        assertThat(rooms.get("pangyo-a", "B1-battery")).isEqualTo(new RoomStates.State(3, "alr-0", 1_000, 0));
        assertThat(rooms.points(10_000)).filteredOn(p -> p.tags().get("room").equals("B1-battery")).singleElement()
                .satisfies(p -> assertThat(p.fields()).doesNotContainKey("telemetry_age_s"));
    }
}
