package io.firebreak.dashboards;

import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.DeadLetter;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.EnvSample;
import io.firebreak.telemetry.contract.FireEvent;
import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.contract.GatewayStatus;
import io.firebreak.telemetry.contract.Measurement;
import io.firebreak.telemetry.contract.PowerSample;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DeliveryAttempt;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.decision.RiskLevel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small simulated site for the dashboard tests: room {@link #FIRE_ROOM} has a cell of rack R01 going
 * into thermal runaway (temperature climbing, voltage collapsing, off-gas, then smoke at fire level, a
 * fire-panel alarm and the UPS dropping), with the risk-level changes and the drain Firebreak would
 * decide, and alerting's delivery of it (one drain webhook taken at once, one refused with a 503 and
 * taken on the retry, a page); room {@link #QUIET_ROOM} stays healthy. Readings every 10 s over the
 * 3 minutes before start.
 */
final class FireScenario {

    static final String SITE = "pangyo-a";
    static final String FIRE_ROOM = "B3-battery";
    static final String QUIET_ROOM = "B2-battery";
    static final String FIRE_RACK = "R01";
    static final int STEPS = 18;
    private static final List<String> RACKS = List.of("R01", "R02", "R03");
    private static final List<String> MODULES = List.of("M01", "M02", "M03");

    final long t0 = System.currentTimeMillis() - STEPS * 10_000L;
    final List<Reading> readings = new ArrayList<>();
    final List<Alert> alerts = new ArrayList<>();
    final List<DrainDecision> drains = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final List<DeliveryAttempt> deliveries = new ArrayList<>();
    final List<OperatorAction> operatorActions = new ArrayList<>();

    FireScenario() {
        for (int step = 0; step < STEPS; step++) {
            long ts = t0 + step * 10_000L;
            double heat = Math.max(0, step - 6) * 6.0; // the failing cell starts heating at T+60s
            for (String room : List.of(FIRE_ROOM, QUIET_ROOM)) {
                boolean fire = room.equals(FIRE_ROOM);
                for (String rack : RACKS) {
                    for (String module : MODULES) {
                        boolean failing = fire && rack.equals(FIRE_RACK) && module.equals("M02");
                        double hot = 25.0 + (failing ? heat : 0);
                        double v = failing && step > 10 ? 2.4 : 3.30;
                        add(DeviceAddress.bms(SITE, room, rack, module), ts, step,
                                new BmsSample(List.of(3.31, v, 3.30, 3.31), List.of(24.5, hot, 25.0), -10.0, 0.95));
                    }
                }
                double smoke = fire ? Math.max(0, step - 9) * 0.12 : 0.0;
                double voc = fire && step > 7 ? 35.0 : 1.0;
                add(DeviceAddress.of(SITE, room, DeviceKind.ENV, "asd-1"), ts, step, new EnvSample(23.0, 40.0, 1.0, 2.0, voc, smoke));
                boolean powerLost = fire && step > 15;
                add(DeviceAddress.of(SITE, room, DeviceKind.POWER, "ups-1"), ts, step,
                        new PowerSample(powerLost, 380.0, powerLost ? 0.0 : 400.0, !powerLost, true));
                add(DeviceAddress.of(SITE, room, DeviceKind.GATEWAY, "gw-1"), ts, step, new GatewayStatus(true));
            }
        }
        add(DeviceAddress.of(SITE, FIRE_ROOM, DeviceKind.FIRE, "fp-1"), t0 + 130_000, STEPS, new FireEvent("B3-UPS", FireEventType.ALARM));
        Evidence rise = new Evidence("cell_temp_rise", "thermal", "R01/M02/p2", 36, "C/min", t0 + 80_000, false);
        Evidence voc = new Evidence("voc", "offgas", "asd-1", 35, "ppm", t0 + 80_000, false);
        alerts.add(new Alert("alr-1", SITE, FIRE_ROOM, RiskLevel.WATCH, RiskLevel.NORMAL, "VOC rising in B3", List.of(voc), t0 + 80_000));
        alerts.add(new Alert("alr-1", SITE, FIRE_ROOM, RiskLevel.WARNING, RiskLevel.WATCH, "off-gas in B3", List.of(voc), t0 + 90_000));
        alerts.add(new Alert("alr-1", SITE, FIRE_ROOM, RiskLevel.CRITICAL, RiskLevel.WARNING, "thermal runaway at R01/M02",
                List.of(rise, voc), t0 + 100_000));
        alerts.add(new Alert("alr-2", SITE, QUIET_ROOM, RiskLevel.NORMAL, RiskLevel.WATCH, "all clear in B2", List.of(), t0 + 20_000));
        drains.add(new DrainDecision("drn-1", DrainDecision.REQUESTED, SITE, FIRE_ROOM, List.of("hall-1", "hall-2"),
                List.of("kakao", "naver"), RiskLevel.CRITICAL, "thermal runaway at R01/M02 and VOC 35 ppm", List.of(rise, voc), t0 + 100_000));
        deliver("kakao-traffic", 1, 200, t0 + 100_400, 38);
        deliver("naver-traffic", 1, 503, t0 + 100_400, 61);
        deliver("naver-traffic", 2, 200, t0 + 100_600, 44);
        deliveries.add(new DeliveryAttempt(SITE + "/" + FIRE_ROOM + "/drn-1", DeliveryAttempt.PAGE, SITE, FIRE_ROOM, "facility",
                "trigger", 1, 202, null, 120, t0 + 100_400));
        // the room's drain to kakao and the page about it both kept failing: the undelivered panel shows it
        deliveries.add(new DeliveryAttempt("drn-1", DeliveryAttempt.UNDELIVERED, SITE, FIRE_ROOM, "kakao-traffic", "msg_drn-1_kakao-traffic",
                9, 0, "drain webhook and its page both failing", 0, t0 + 200_000));
        // alerting's heartbeat through the pager path, just now: the "Firebreak alive" panel sees it
        deliveries.add(new DeliveryAttempt("firebreak_heartbeat_" + SITE, DeliveryAttempt.PAGE, SITE, FIRE_ROOM, "heartbeat",
                "resolve", 1, 202, null, 30, System.currentTimeMillis() - 5_000));
        operatorActions.add(new OperatorAction("op_1", OperatorAction.ACK, "alr-1", SITE, FIRE_ROOM, "kim", "on my way", t0 + 110_000));
        String topic = "dc/" + SITE + "/" + FIRE_ROOM + "/env/asd-1";
        deadLetters.add(new DeadLetter(topic, "{".getBytes(StandardCharsets.UTF_8), t0 + 50_000, "not JSON", null));
        deadLetters.add(new DeadLetter(topic, "{}".getBytes(StandardCharsets.UTF_8), t0 + 60_000, "must be at most 100", "rh"));
    }

    /** Every record the sink will turn into a point. */
    int pointCount() {
        return readings.size() + alerts.size() + drains.size() + deadLetters.size() + deliveries.size() + operatorActions.size();
    }

    /** One attempt of the drain webhook {@code drn-1} to a traffic system. */
    private void deliver(String target, int attempt, int status, long at, long latencyMs) {
        deliveries.add(new DeliveryAttempt("drn-1", DeliveryAttempt.WEBHOOK, SITE, FIRE_ROOM, target, "msg_drn-1_" + target,
                attempt, status, null, latencyMs, at));
    }

    private void add(DeviceAddress source, long ts, long seq, Measurement measurement) {
        readings.add(new Reading(source, ts, seq, ts + 50, false, measurement));
    }
}
