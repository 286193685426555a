package io.firebreak.simulators;

import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.inventory.Room;

/**
 * What a room's fire and power systems do once smoke reaches them, for scenarios whose fire follows
 * the physics: the panel pre-alarms at the action level (0.165 %obs/m), alarms at fire level (0.825),
 * releases its gas 30 s later; the fire takes the first UPS path's battery breaker and output two
 * minutes after the alarm, and the room's power (and so its gateway) a minute after that.
 */
final class FireResponse {

    static final long SUPPRESSION_AFTER_ALARM_MS = 30_000;
    static final long POWER_LOSS_AFTER_ALARM_MS = 120_000;
    static final long DARK_AFTER_ALARM_MS = 180_000;

    private final RoomSim room;
    boolean enabled;
    private boolean preAlarm;
    private Long alarm;
    private boolean suppressed;

    FireResponse(RoomSim room) {
        this.room = room;
    }

    void step(long ts, EventLog log) {
        if (!enabled || room.room.firePanels().isEmpty()) {
            return;
        }
        Room.EnvSensor hottest = null;
        double smoke = 0;
        for (Room.EnvSensor sensor : room.room.envSensors()) {
            double s = room.env(sensor.id()).smoke;
            if (s > smoke) {
                smoke = s;
                hottest = sensor;
            }
        }
        if (hottest == null) {
            return;
        }
        Room.FirePanel panel = panelFor(hottest.zone());
        String zone = panel.zones().contains(hottest.zone()) ? hottest.zone() : room.room.id();
        if (!preAlarm && smoke >= 0.165) {
            preAlarm = true;
            room.panelEvent(panel.id(), zone, FireEventType.PRE_ALARM);
        }
        if (alarm == null && smoke >= 0.825) {
            alarm = ts;
            room.panelEvent(panel.id(), zone, FireEventType.ALARM);
            log.fire(room.room.id(), ts);
        }
        if (alarm == null) {
            return;
        }
        if (!suppressed && ts >= alarm + SUPPRESSION_AFTER_ALARM_MS) {
            suppressed = true;
            room.panelEvent(panel.id(), zone, FireEventType.SUPPRESSION_RELEASED);
        }
        if (ts >= alarm + POWER_LOSS_AFTER_ALARM_MS && !room.room.powerDevices().isEmpty()) {
            RoomSim.PowerState ups = room.power(room.room.powerDevices().get(0).id());
            ups.breakerClosed = false;
            ups.outputOn = false;
        }
        if (ts >= alarm + DARK_AFTER_ALARM_MS) {
            room.goDark();
        }
    }

    private Room.FirePanel panelFor(String zone) {
        return room.room.firePanels().stream().filter(p -> p.zones().contains(zone)).findFirst()
                .orElse(room.room.firePanels().get(0));
    }
}
