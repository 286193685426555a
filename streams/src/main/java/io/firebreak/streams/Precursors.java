package io.firebreak.streams;

import io.firebreak.streams.rack.ProbeHealth;
import io.firebreak.streams.rack.ThermalAnalyzer;
import io.firebreak.streams.rack.VoltageAnalyzer;
import io.firebreak.streams.rack.VoltageLimits;
import io.firebreak.streams.room.RackComparison;
import io.firebreak.streams.room.SensorFaults;
import io.firebreak.streams.sensor.RoomSensorRules;
import java.time.Duration;

/**
 * The thresholds of the slow signs that come minutes before a runaway, and of sensor health, each declared by
 * its rule (see {@link ThresholdCatalog}). Defaults are set above what healthy cells show in the simulator library (module voltage spread under 25 mV,
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
        ThermalAnalyzer.HOT_SPOT_C.check(hotSpotC);
        ThermalAnalyzer.HOT_SPOT_C_PER_MIN.check(hotSpotCPerMin);
        ThermalAnalyzer.DRIFT_C.check(driftC);
        ThermalAnalyzer.DRIFT_C_PER_MIN.check(driftCPerMin);
        if (driftCPerMin > hotSpotCPerMin) {
            throw new IllegalArgumentException("detect.thresholds.drift_c_per_min: must be at most hot_spot_c_per_min ("
                    + hotSpotCPerMin + "), was " + driftCPerMin);
        }
        VoltageAnalyzer.SAG_V.check(sagV);
        VoltageAnalyzer.SAG_SAMPLES.check(sagSamples);
        VoltageLimits.CELL_MAX_V.check(cellMaxV);
        RackComparison.RACK_DEVIATION_C.check(rackDeviationC);
        RoomSensorRules.VOC_RISE_PPM.check(vocRisePpm);
        RoomSensorRules.CO_RISE_PPM.check(coRisePpm);
        RoomSensorRules.H2_RISE_PPM.check(h2RisePpm);
        ProbeHealth.STUCK_AFTER.check(stuckAfter);
        SensorFaults.SENSOR_CLEAR_AFTER.check(sensorClearAfter);
    }

    public static Precursors defaults() {
        return Thresholds.defaults().precursors();
    }
}
