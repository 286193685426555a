package io.firebreak.streams;

import io.firebreak.streams.rack.ThermalAnalyzer;
import io.firebreak.streams.rack.VoltageAnalyzer;
import io.firebreak.streams.room.RoomMachine;
import io.firebreak.streams.sensor.RoomSensorRules;
import java.time.Duration;
import java.util.Objects;

/**
 * The detection thresholds, as one value for the rules to read. Each is declared, with its default, its
 * valid values and what it does, by the rule that uses it (see {@link ThresholdCatalog}). Defaults follow the domain brief: aspirating smoke detector levels of one
 * maker (alert 0.04, action 0.165, fire 0.825 %obs/m), GB 38031's runaway rule (dT/dt >= 1 C/s for 3 s
 * with a voltage drop over 25 % or a high temperature), and off-gas levels well above clean-room air.
 *
 * @param riseCPerMin     a probe rising at least this fast over {@code riseWindow} is a thermal signal...
 * @param peerDeviationC  ...when it is also this much above the median of its rack's probes
 * @param runawayTempC    a probe at or above this, rising at 1 C/s for 3 s, is runaway
 * @param evidenceWindow  evidence older than this (event time) no longer counts
 * @param silenceAfter    a room not heard from for this long is silent: paged, and never "resolved" by it
 * @param holdAfter       a level comes down only once its evidence has been below it this long (hysteresis):
 *                        one problem is one alert from open to resolve, however its evidence flickers
 * @param precursors      the slow signs before a runaway, and sensor health
 * @param escalation      evidence that adds up: vents, co-located corroboration, warnings that keep worsening
 */
public record Thresholds(double smokeAlert, double smokeAction, double smokeFire, double vocPpm, double coPpm,
                         double h2Ppm, double riseCPerMin, Duration riseWindow, double peerDeviationC,
                         double runawayTempC, double voltageDropFraction, Duration evidenceWindow,
                         Duration silenceAfter, Duration holdAfter, Precursors precursors,
                         Escalation escalation) {

    public Thresholds {
        RoomSensorRules.SMOKE_ALERT.check(smokeAlert);
        RoomSensorRules.SMOKE_ACTION.check(smokeAction);
        RoomSensorRules.SMOKE_FIRE.check(smokeFire);
        if (!(smokeAlert < smokeAction && smokeAction < smokeFire)) {
            throw new IllegalArgumentException("detect.thresholds.smoke: alert < action < fire must hold, was "
                    + smokeAlert + ", " + smokeAction + ", " + smokeFire);
        }
        RoomSensorRules.VOC_PPM.check(vocPpm);
        RoomSensorRules.CO_PPM.check(coPpm);
        RoomSensorRules.H2_PPM.check(h2Ppm);
        ThermalAnalyzer.RISE_C_PER_MIN.check(riseCPerMin);
        ThermalAnalyzer.RISE_WINDOW.check(riseWindow);
        ThermalAnalyzer.PEER_DEVIATION_C.check(peerDeviationC);
        ThermalAnalyzer.RUNAWAY_TEMP_C.check(runawayTempC);
        VoltageAnalyzer.VOLTAGE_DROP_FRACTION.check(voltageDropFraction);
        RoomMachine.EVIDENCE_WINDOW.check(evidenceWindow);
        RoomMachine.SILENCE_AFTER.check(silenceAfter);
        RoomMachine.HOLD_AFTER.check(holdAfter);
        Objects.requireNonNull(precursors, "precursors");
        Objects.requireNonNull(escalation, "escalation");
        if (evidenceWindow.compareTo(riseWindow) < 0) {
            throw new IllegalArgumentException("detect.thresholds.evidence_window: must be at least rise_window ("
                    + Threshold.text(riseWindow) + "), was " + Threshold.text(evidenceWindow));
        }
    }

    /** The defaults every rule declares (see {@link ThresholdCatalog}). */
    public static Thresholds defaults() {
        return ThresholdOverrides.apply(null);
    }
}
