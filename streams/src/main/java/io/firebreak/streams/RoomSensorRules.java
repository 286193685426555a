package io.firebreak.streams;

import io.firebreak.telemetry.contract.EnvSample;
import io.firebreak.telemetry.contract.FireEvent;
import io.firebreak.telemetry.contract.GatewayStatus;
import io.firebreak.telemetry.contract.PowerSample;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import java.util.ArrayList;
import java.util.List;

/** The room-level rules: smoke and off-gas levels, fire-panel events, power state and gateway status. */
final class RoomSensorRules {

    private final Thresholds thresholds;

    RoomSensorRules(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    List<Signal> analyze(Reading reading) {
        List<Signal> out = new ArrayList<>();
        String device = reading.source().device();
        if (reading.measurement() instanceof EnvSample env) {
            smoke(reading, env.smokePctM(), out);
            offGas(reading, "voc", env.vocPpm(), thresholds.vocPpm(), out);
            offGas(reading, "co", env.coPpm(), thresholds.coPpm(), out);
            offGas(reading, "h2", env.h2Ppm(), thresholds.h2Ppm(), out);
        } else if (reading.measurement() instanceof FireEvent fire) {
            String where = fire.zone() == null ? device : device + "/" + fire.zone();
            switch (fire.event()) {
                case ALARM -> out.add(signal(reading, "fire_alarm", "fire_panel", where, 1, "", RiskLevel.CRITICAL));
                case SUPPRESSION_RELEASED -> out.add(signal(reading, "suppression_released", "fire_panel", where, 1, "", RiskLevel.CRITICAL));
                case PRE_ALARM -> out.add(signal(reading, "fire_pre_alarm", "fire_panel", where, 1, "", RiskLevel.WARNING));
                case FAULT -> out.add(signal(reading, "panel_fault", "sensor", where, 1, "", RiskLevel.WATCH));
                case RESET -> out.add(signal(reading, "panel_reset", "sensor", where, 1, "", RiskLevel.WATCH));
                default -> throw new IllegalStateException("unhandled fire event " + fire.event());
            }
        } else if (reading.measurement() instanceof PowerSample power) {
            if (Boolean.FALSE.equals(power.outputOn())) {
                out.add(signal(reading, "ups_output_lost", "power", device, 0, "", RiskLevel.WARNING));
            } else if (Boolean.TRUE.equals(power.onBattery())) {
                out.add(signal(reading, "on_battery", "power", device, 1, "", RiskLevel.WATCH));
            }
            if (Boolean.FALSE.equals(power.batteryBreakerClosed())) {
                out.add(signal(reading, "battery_breaker_open", "power", device, 0, "", RiskLevel.WATCH));
            }
        } else if (reading.measurement() instanceof GatewayStatus gateway) {
            Signal lost = signal(reading, "telemetry_lost", "telemetry", device, 0, "", RiskLevel.WARNING);
            out.add(gateway.online() ? new Signal(lost.site(), lost.room(), lost.evidence(), RiskLevel.NORMAL, true) : lost);
        }
        return out;
    }

    private void smoke(Reading reading, Double smoke, List<Signal> out) {
        if (smoke == null || smoke < thresholds.smokeAlert()) {
            return;
        }
        RiskLevel level = smoke >= thresholds.smokeFire() ? RiskLevel.CRITICAL
                : smoke >= thresholds.smokeAction() ? RiskLevel.WARNING : RiskLevel.WATCH;
        out.add(signal(reading, "smoke", "smoke", reading.source().device(), smoke, "%obs/m", level));
    }

    private static void offGas(Reading reading, String gas, Double ppm, double threshold, List<Signal> out) {
        if (ppm != null && ppm >= threshold) {
            out.add(signal(reading, gas, "offgas", reading.source().device(), ppm, "ppm", RiskLevel.WARNING));
        }
    }

    private static Signal signal(Reading reading, String name, String family, String where, double value, String unit, RiskLevel level) {
        Evidence evidence = new Evidence(name, family, where, value, unit, reading.ts(), level == RiskLevel.CRITICAL);
        return new Signal(reading.source().site(), reading.source().room(), evidence, level, false);
    }
}
