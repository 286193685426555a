package io.firebreak.streams.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.streams.room.LevelRule;
import io.firebreak.streams.room.RoomState;
import io.firebreak.streams.room.Signal;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.kafka.Json;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Renders room states as the JSON the query endpoint answers with: level and evidence per room and rack. */
final class LevelQueries {

    private LevelQueries() {
    }

    static ObjectNode room(String site, String room, RoomState state) {
        RoomState known = state == null ? RoomState.normal() : state;
        ObjectNode node = Json.mapper().createObjectNode().put("site", site).put("room", room)
                .put("level", name(known.level()));
        if (known.incidentId() != null) {
            node.put("incident_id", known.incidentId());
        }
        if (known.drainId() != null) {
            node.put("drain_id", known.drainId());
        }
        if (known.lastHeard() > 0) {
            node.put("last_heard", java.time.Instant.ofEpochMilli(known.lastHeard()).toString());
        }
        ArrayNode evidence = node.putArray("evidence");
        LevelRule.evidence(known.active().values()).forEach(e -> evidence.add(evidence(e)));
        ObjectNode racks = node.putObject("racks");
        racks(known).forEach((rack, level) -> racks.put(rack, name(level)));
        ArrayNode faults = node.putArray("sensor_faults");
        known.faults().values().stream().sorted(java.util.Comparator.comparing(RoomState.SensorFault::since))
                .forEach(f -> faults.add(evidence(f.latest().evidence()).put("alert_id", f.id())
                        .put("since", java.time.Instant.ofEpochMilli(f.since()).toString())));
        return node;
    }

    /** The level of each rack with evidence, from signals located on it ({@code rack/module/...}). */
    static Map<String, RiskLevel> racks(RoomState state) {
        Map<String, RiskLevel> racks = new TreeMap<>();
        for (Signal signal : state.active().values()) {
            String where = signal.evidence().where();
            int slash = where.indexOf('/');
            if (signal.evidence().family().equals("thermal") || signal.evidence().family().equals("voltage")) {
                racks.merge(slash > 0 ? where.substring(0, slash) : where, signal.level(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return racks;
    }

    private static ObjectNode evidence(Evidence e) {
        return Json.mapper().createObjectNode().put("signal", e.signal()).put("family", e.family()).put("where", e.where())
                .put("value", e.value()).put("unit", e.unit()).put("ts", java.time.Instant.ofEpochMilli(e.ts()).toString())
                .put("decisive", e.decisive());
    }

    static String name(RiskLevel level) {
        return level.name().toLowerCase(Locale.ROOT);
    }
}
