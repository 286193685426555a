package io.firebreak.dashboards;

import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.Alert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every room's current state, written as one {@code room_state} point per room at every report, so that
 * Grafana shows the current level whatever its time picker says. The {@code alert} measurement has a
 * point only when a level changes, so a room critical for longer than the picked range would otherwise
 * vanish from the screen; a {@code room_state} point is at most one report interval old while the sink
 * runs, and its absence means the sink (or InfluxDB) stopped, which the dashboards show as such.
 *
 * <p>The level is the latest alert's; the time of the last telemetry is the sink's wall clock when it
 * took the room's latest reading (a replay's event times are not now). At start the sink seeds this from
 * the last {@code room_state} and {@code alert} points in InfluxDB ({@link #seed}), so a restart keeps a
 * critical room critical. Thread-safe: the consumer thread updates it, the report reads it.
 */
final class RoomStates {

    static final String ROOM_STATE = "room_state";
    private static final String[] LEVELS = {"normal", "watch", "warning", "critical"};

    /** One room's state; {@code lastReadingMs} is 0 when no reading was seen since the sink started. */
    record State(long levelRank, String alertId, long sinceMs, long lastReadingMs) {

        State {
            if (levelRank < 0 || levelRank >= LEVELS.length) {
                throw new IllegalArgumentException("levelRank: must be 0..3, was " + levelRank);
            }
            alertId = Objects.requireNonNullElse(alertId, "");
        }
    }

    private final Map<String, State> rooms = new ConcurrentHashMap<>();

    /** A reading of the room was taken at {@code nowMs} (wall clock). */
    void onReading(Reading reading, long nowMs) {
        rooms.compute(key(reading.source().site(), reading.source().room()), (k, s) -> s == null
                ? new State(0, "", 0, nowMs) : new State(s.levelRank(), s.alertId(), s.sinceMs(), Math.max(s.lastReadingMs(), nowMs)));
    }

    /** A risk-level change of the room: the room is at the alert's level from its {@code detectedAt}. */
    void onAlert(Alert alert) {
        rooms.compute(key(alert.site(), alert.room()), (k, s) -> new State(alert.level().ordinal(), alert.id(),
                alert.detectedAt(), s == null ? 0 : s.lastReadingMs()));
    }

    /**
     * Seeds one room from InfluxDB at start. A state already known (from records consumed since) wins;
     * a field missing from the row is left at its default.
     */
    void seed(String site, String room, Number levelRank, String alertId, Number sinceMs, Number lastReadingMs) {
        if (site == null || room == null || levelRank == null) {
            return;
        }
        long rank = Math.max(0, Math.min(LEVELS.length - 1, levelRank.longValue()));
        rooms.putIfAbsent(key(site, room), new State(rank, alertId, sinceMs == null ? 0 : sinceMs.longValue(),
                lastReadingMs == null ? 0 : lastReadingMs.longValue()));
    }

    /** The state of a room, or null when it was never seen. */
    State get(String site, String room) {
        return rooms.get(key(site, room));
    }

    /** One {@code room_state} point per known room, at {@code nowMs}. */
    List<SeriesPoint> points(long nowMs) {
        List<SeriesPoint> points = new ArrayList<>(rooms.size());
        rooms.forEach((key, state) -> {
            int slash = key.indexOf('/');
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("level_rank", state.levelRank());
            fields.put("level", LEVELS[(int) state.levelRank()]);
            fields.put("alert_id", state.alertId());
            fields.put("since_ms", state.sinceMs());
            if (state.lastReadingMs() > 0) {
                fields.put("last_reading_ms", state.lastReadingMs());
                fields.put("telemetry_age_s", Math.max(0, nowMs - state.lastReadingMs()) / 1000.0);
            }
            points.add(new SeriesPoint(ROOM_STATE, Map.of("site", key.substring(0, slash), "room", key.substring(slash + 1)),
                    fields, nowMs));
        });
        return points;
    }

    private static String key(String site, String room) {
        return site + "/" + room; // a site is one MQTT topic level: it holds no '/'
    }
}
