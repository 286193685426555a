package io.firebreak.alerting.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.alerting.PendingState;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.inventory.Room;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The console's one document, {@code GET /console/state} and each event of {@code /console/events}:
 * {@code pending} exactly as {@code GET /decisions} answers it, {@code rooms} (every room of the inventory
 * with the halls it feeds, their tenants, when its telemetry last reached Kafka ({@code last_telemetry_at}, absent
 * when none was seen since {@code telemetry_since}), and where alerting has read one its latest alert: level,
 * summary, evidence, when), {@code alerts} (the alerts that {@code pending} names, so an unacknowledged page shows
 * its room), the {@code operator} the credential proves and the server's {@code now}.
 */
public final class ConsoleState {

    private static final ObjectMapper JSON = Json.mapper();

    private final SiteInventory inventory;
    private final RoomBoard board;
    private final TelemetryClock telemetry;
    private final Supplier<PendingState> pending;
    private final Clock clock;

    public ConsoleState(SiteInventory inventory, RoomBoard board, TelemetryClock telemetry, Supplier<PendingState> pending,
                        Clock clock) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.board = Objects.requireNonNull(board, "board");
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.pending = Objects.requireNonNull(pending, "pending");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The state as {@code operator} sees it, as JSON on one line (so it fits one server-sent event). */
    public byte[] render(String operator) {
        PendingState now = pending.get();
        ObjectNode root = JSON.createObjectNode();
        root.put("site", inventory.site()).put("name", inventory.name()).put("operator", operator)
                .put("now", clock.instant().toString()).put("telemetry_since", telemetry.since().toString());
        root.set("pending", JSON.valueToTree(now));
        ArrayNode rooms = root.putArray("rooms");
        for (Room room : inventory.rooms()) {
            rooms.add(room(room));
        }
        ObjectNode alerts = root.putObject("alerts");
        for (String id : referenced(now)) {
            board.alert(id).ifPresent(seen -> alerts.set(id, alert(seen)));
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("console state: not serializable", e);
        }
    }

    private ObjectNode room(Room room) {
        List<String> halls = inventory.hallsFedBy(room.id());
        ObjectNode node = JSON.createObjectNode().put("id", room.id()).put("name", room.name());
        node.set("halls", JSON.valueToTree(halls));
        node.set("tenants", JSON.valueToTree(inventory.tenantsIn(halls)));
        node.put("racks", room.racks().size());
        telemetry.last(inventory.site(), room.id()).ifPresent(at -> node.put("last_telemetry_at", at.toString()));
        board.latest(inventory.site(), room.id()).ifPresentOrElse(
                seen -> node.setAll(alert(seen)),
                () -> node.put("level", "unknown"));
        ArrayNode faults = node.putArray("faults");
        board.faults(inventory.site(), room.id()).forEach(f -> faults.add(alert(f)));
        return node;
    }

    private static ObjectNode alert(RoomBoard.Seen seen) {
        Alert alert = seen.alert();
        ObjectNode node = JSON.createObjectNode().put("alert_id", alert.id()).put("room_id", alert.room())
                .put("level", alert.level().name().toLowerCase(Locale.ROOT))
                .put("summary", alert.summary())
                .put("detected_at", Instant.ofEpochMilli(alert.detectedAt()).toString())
                .put("received_at", seen.receivedAt().toString());
        node.set("evidence", JSON.valueToTree(alert.evidence()));
        return node;
    }

    private static List<String> referenced(PendingState now) {
        return Stream.concat(now.unacknowledged().stream(),
                now.countdowns().stream().map(PendingState.Countdown::alertId)).distinct().toList();
    }
}
