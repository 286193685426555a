package io.firebreak.streams;

import io.firebreak.streams.rack.ProbeHealth;
import io.firebreak.streams.rack.ThermalAnalyzer;
import io.firebreak.streams.rack.VoltageAnalyzer;
import io.firebreak.streams.rack.VoltageLimits;
import io.firebreak.streams.room.Corroboration;
import io.firebreak.streams.room.RackComparison;
import io.firebreak.streams.room.RoomMachine;
import io.firebreak.streams.room.SensorFaults;
import io.firebreak.streams.room.Worsening;
import io.firebreak.streams.sensor.RoomSensorRules;
import io.firebreak.streams.sensor.VentWatch;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The detection thresholds an operator may set in {@code detect.thresholds} (for example
 * {@code hold_after: 15m}): every key is one that a rule declares (see {@link ThresholdCatalog}), parsed and
 * checked by its declaration; anything else is refused with the list of known keys.
 */
public final class ThresholdOverrides {

    /** What errors name a threshold by: {@code detect.thresholds.KEY}, as in {@code firebreak.yaml}. */
    public static final String PREFIX = "detect.thresholds.";

    /** The value of {@code cell_max_v} that takes the charge limit from the inventory's chemistry (the default). */
    public static final String CHEMISTRY = "chemistry";

    private final Map<Threshold<?>, Object> values;

    private ThresholdOverrides(Map<Threshold<?>, Object> values) {
        this.values = values;
    }

    /**
     * Every key with its default, as written in {@code firebreak.yaml} ({@code 0.04}, {@code 30s}, {@code 10m}):
     * the docs' threshold table is made from the same declarations.
     */
    public static Map<String, String> defaults() {
        Map<String, String> out = new TreeMap<>();
        ThresholdCatalog.BY_KEY.forEach((key, threshold) -> out.put(key, threshold.formattedDefault()));
        return out;
    }

    /** The defaults with {@code overrides} applied; keys are named {@code detect.thresholds.KEY} in errors. */
    public static Thresholds apply(Map<String, ?> overrides) {
        Map<Threshold<?>, Object> values = new HashMap<>();
        if (overrides != null) {
            overrides.forEach((key, value) -> {
                Threshold<?> threshold = ThresholdCatalog.find(key).orElseThrow(() -> new IllegalArgumentException(
                        PREFIX + key + ": unknown threshold; known: " + String.join(", ", new TreeMap<>(ThresholdCatalog.BY_KEY).keySet())));
                if (value == null) {
                    throw new IllegalArgumentException(PREFIX + key + ": has no value; leave it out for its default "
                            + threshold.formattedDefault());
                }
                values.put(threshold, threshold.parse(String.valueOf(value)));
            });
        }
        return new ThresholdOverrides(values).build();
    }

    @SuppressWarnings("unchecked")
    private <T> T get(Threshold<T> threshold) {
        return values.containsKey(threshold) ? (T) values.get(threshold) : threshold.defaultValue();
    }

    private Thresholds build() {
        Precursors precursors = new Precursors(get(ThermalAnalyzer.HOT_SPOT_C), get(ThermalAnalyzer.HOT_SPOT_C_PER_MIN),
                get(ThermalAnalyzer.DRIFT_C), get(ThermalAnalyzer.DRIFT_C_PER_MIN), get(VoltageAnalyzer.SAG_V),
                get(VoltageAnalyzer.SAG_SAMPLES), get(VoltageLimits.CELL_MAX_V), get(RackComparison.RACK_DEVIATION_C),
                get(RoomSensorRules.VOC_RISE_PPM), get(RoomSensorRules.CO_RISE_PPM), get(RoomSensorRules.H2_RISE_PPM),
                get(ProbeHealth.STUCK_AFTER), get(SensorFaults.SENSOR_CLEAR_AFTER));
        Escalation escalation = new Escalation(get(VentWatch.VENT_SUSTAIN), get(Worsening.WORSENING_AFTER),
                get(Worsening.WORSENING_FACTOR), get(Corroboration.HINT_FRACTION), get(Corroboration.CORROBORATION_SCORE));
        return new Thresholds(get(RoomSensorRules.SMOKE_ALERT), get(RoomSensorRules.SMOKE_ACTION), get(RoomSensorRules.SMOKE_FIRE),
                get(RoomSensorRules.VOC_PPM), get(RoomSensorRules.CO_PPM), get(RoomSensorRules.H2_PPM),
                get(ThermalAnalyzer.RISE_C_PER_MIN), get(ThermalAnalyzer.RISE_WINDOW), get(ThermalAnalyzer.PEER_DEVIATION_C),
                get(ThermalAnalyzer.RUNAWAY_TEMP_C), get(VoltageAnalyzer.VOLTAGE_DROP_FRACTION), get(RoomMachine.EVIDENCE_WINDOW),
                get(RoomMachine.SILENCE_AFTER), get(RoomMachine.HOLD_AFTER), precursors, escalation);
    }
}
