package io.firebreak.streams;

import java.time.Duration;

/**
 * The detection thresholds. Defaults follow the domain brief: aspirating smoke detector levels of one
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
        if (!(smokeAlert < smokeAction && smokeAction < smokeFire)) {
            throw new IllegalArgumentException("detect.thresholds.smoke: alert < action < fire must hold, was "
                    + smokeAlert + ", " + smokeAction + ", " + smokeFire);
        }
        positive(vocPpm, "detect.thresholds.voc_ppm");
        positive(coPpm, "detect.thresholds.co_ppm");
        positive(h2Ppm, "detect.thresholds.h2_ppm");
        positive(riseCPerMin, "detect.thresholds.rise_c_per_min");
        positive(peerDeviationC, "detect.thresholds.peer_deviation_c");
        positive(runawayTempC, "detect.thresholds.runaway_temp_c");
        if (voltageDropFraction <= 0 || voltageDropFraction >= 1) {
            throw new IllegalArgumentException("detect.thresholds.voltage_drop_fraction: must be in (0, 1), was " + voltageDropFraction);
        }
        if (riseWindow.toSeconds() < 5) {
            throw new IllegalArgumentException("detect.thresholds.rise_window: must be at least 5 s, was " + riseWindow);
        }
        if (silenceAfter.toSeconds() < 5) {
            throw new IllegalArgumentException("detect.thresholds.silence_after: must be at least 5 s, was " + silenceAfter);
        }
        if (holdAfter.toSeconds() < 30) {
            throw new IllegalArgumentException("detect.thresholds.hold_after: must be at least 30 s, was " + holdAfter);
        }
        java.util.Objects.requireNonNull(precursors, "precursors");
        java.util.Objects.requireNonNull(escalation, "escalation");
        if (evidenceWindow.compareTo(riseWindow) < 0) {
            throw new IllegalArgumentException("detect.thresholds.evidence_window: must be at least the rise window, was " + evidenceWindow);
        }
    }

    public static Thresholds defaults() {
        return new Thresholds(0.04, 0.165, 0.825, 20, 50, 10, 2.0, Duration.ofSeconds(30), 5.0, 120.0, 0.25,
                Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofMinutes(10), Precursors.defaults(),
                Escalation.defaults());
    }

    private static void positive(double value, String key) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(key + ": must be > 0, was " + value);
        }
    }
}
