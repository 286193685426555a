package io.firebreak.alerting.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.alerting.PendingState;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryClockTest {

    private static final Instant START = Instant.parse("2026-12-02T01:00:00Z");
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private final TelemetryClock telemetry = new TelemetryClock(START);

    @Test
    void shouldTakeTheRoomsLatestRecordTimeWhenRackAndRoomKeysArrive() {
        // Given B3's rack and room sensors publish, one record read late and out of order
        long t = START.toEpochMilli();
        assertThat(telemetry.onRecord("pangyo-a/B3-battery/3E-1", t + 5_000, t + 5_100)).isTrue();
        assertThat(telemetry.onRecord("pangyo-a/B3-battery", t + 9_000, t + 9_050)).isFalse();
        telemetry.onRecord("pangyo-a/B3-battery/3E-2", t + 7_000, t + 9_100);

        // Then B3's last telemetry is its latest record, and B2, never heard, has none
        assertThat(telemetry.last("pangyo-a", "B3-battery")).hasValue(Instant.ofEpochMilli(t + 9_000));
        assertThat(telemetry.last("pangyo-a", "B2-battery")).isEmpty();
    }

    @Test
    void shouldNeverPlaceTelemetryAfterItWasReadWhenTheSendersClockRunsAhead() {
        // Given ingest's clock is an hour ahead of the console's
        long readAt = START.toEpochMilli() + 60_000;
        telemetry.onRecord("pangyo-a/B3-battery/3E-1", readAt + 3_600_000, readAt);

        // Then the room is as fresh as when the console read it, and it will age from there
        assertThat(telemetry.last("pangyo-a", "B3-battery")).hasValue(Instant.ofEpochMilli(readAt));
    }

    @Test
    void shouldIgnoreKeysThatNameNoRoom() {
        assertThat(telemetry.onRecord(null, 1, 1)).isFalse();
        assertThat(telemetry.onRecord("pangyo-a", 1, 1)).isFalse();
        assertThat(telemetry.onRecord("/B3-battery", 1, 1)).isFalse();
        assertThat(TelemetryClock.roomOf("pangyo-a/B3-battery/3E-1")).isEqualTo("pangyo-a/B3-battery");
    }

    @Test
    void shouldShowEachRoomsLastTelemetryInTheConsoleStateWhenItWasHeard() throws Exception {
        // Given the Pangyo site, B3 heard 12 s before now and B2 never since the console looked
        SiteInventory site = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");
        Clock clock = Clock.fixed(START.plusSeconds(60), ZoneOffset.UTC);
        telemetry.onRecord(site.site() + "/B3-battery/3E-1", START.plusSeconds(48).toEpochMilli(), clock.millis());
        ConsoleState state = new ConsoleState(site, new RoomBoard(), telemetry,
                () -> new PendingState(List.of(), List.of(), List.of(), List.of(), List.of(), List.of()), clock);

        // When the console's state is rendered
        JsonNode body = PLAIN.readTree(state.render("alice"));

        // Then B3 carries the time of its last telemetry, B2 none, and the page knows since when it looked
        assertThat(body.get("telemetry_since").asText()).isEqualTo("2026-12-02T01:00:00Z");
        assertThat(room(body, "B3-battery").get("last_telemetry_at").asText()).isEqualTo("2026-12-02T01:00:48Z");
        assertThat(room(body, "B2-battery").has("last_telemetry_at")).isFalse();
    }

    private static JsonNode room(JsonNode body, String id) {
        for (JsonNode room : body.get("rooms")) {
            if (room.get("id").asText().equals(id)) {
                return room;
            }
        }
        throw new AssertionError("no room " + id);
    }
}
