package io.firebreak.streams;

import io.firebreak.streams.rack.VoltageLimits;
import java.time.Duration;

/**
 * The thresholds of the slow signs that come minutes before a runaway, and of sensor health. Defaults
 * are set above what healthy cells show in the simulator library (module voltage spread under 25 mV,
 * probe spread within a module about 1 C, off-gas below 1 ppm) and below what its incidents show.
 *
 * @param hotSpotC          a probe this far above its module's other probes...
 * @param hotSpotCPerMin    ...and rising at least this fast over minutes is a hot spot (thermal)
 * @param driftC            a probe this far above its module's other probes...
 * @param driftCPerMin      ...rising slower than this for minutes, with healthy voltages, is drifting (a sensor fault)
 * @param sagV              a cell this far below its module's median voltage (series cells: the same current)...
 * @param sagSamples        ...in this many samples in a row is sagging (voltage)
 * @param cellMaxV          a cell at or above this voltage is overcharged (voltage); NaN (the default, {@code chemistry})
 *                          takes the charge limit of the rack's chemistry from the inventory (see {@link VoltageLimits})
 * @param rackDeviationC    a rack whose median probe is this far above the median of its room's other racks is warming
 * @param vocRisePpm        off-gas this far above the zone's own baseline is a sign even below the absolute level
 * @param coRisePpm         as {@code vocRisePpm}, for CO
 * @param h2RisePpm         as {@code vocRisePpm}, for H2
 * @param stuckAfter        a probe that repeats one value this long while its neighbours move is stuck (sensor)
 * @param sensorClearAfter  a sensor fault not seen for this long is cleared (never while the room is silent)
 */
public record Precursors(double hotSpotC, double hotSpotCPerMin, double driftC, double driftCPerMin, double sagV, int sagSamples,
                         double cellMaxV, double rackDeviationC, double vocRisePpm, double coRisePpm, double h2RisePpm,
                         Duration stuckAfter, Duration sensorClearAfter) {

    public Precursors {
        positive(hotSpotC, "detect.thresholds.hot_spot_c");
        positive(hotSpotCPerMin, "detect.thresholds.hot_spot_c_per_min");
        positive(driftC, "detect.thresholds.drift_c");
        if (!(driftCPerMin > 0 && driftCPerMin <= hotSpotCPerMin)) {
            throw new IllegalArgumentException("detect.thresholds.drift_c_per_min: must be in (0, hot_spot_c_per_min], was " + driftCPerMin);
        }
        positive(sagV, "detect.thresholds.sag_v");
        positive(sagSamples, "detect.thresholds.sag_samples");
        if (!Double.isNaN(cellMaxV)) {
            positive(cellMaxV, "detect.thresholds.cell_max_v");
        }
        positive(rackDeviationC, "detect.thresholds.rack_deviation_c");
        positive(vocRisePpm, "detect.thresholds.voc_rise_ppm");
        positive(coRisePpm, "detect.thresholds.co_rise_ppm");
        positive(h2RisePpm, "detect.thresholds.h2_rise_ppm");
        if (stuckAfter.toSeconds() < 60) {
            throw new IllegalArgumentException("detect.thresholds.stuck_after: must be at least 60 s, was " + stuckAfter);
        }
        if (sensorClearAfter.toSeconds() < 60) {
            throw new IllegalArgumentException("detect.thresholds.sensor_clear_after: must be at least 60 s, was " + sensorClearAfter);
        }
    }

    public static Precursors defaults() {
        return new Precursors(2.0, 0.5, 2.0, 0.3, 0.05, 30, Double.NaN, 5.0, 5, 10, 5, Duration.ofMinutes(10), Duration.ofMinutes(30));
    }

    private static void positive(double value, String key) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(key + ": must be > 0, was " + value);
        }
    }
}
