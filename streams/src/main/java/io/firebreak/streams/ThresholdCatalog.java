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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every detection threshold, as the rule that uses it declares it, grouped by rule. The loader
 * ({@link ThresholdOverrides}), the records' checks and the docs' table ({@link #markdown()}, which
 * docs/detection.md must hold as it is) are all made from this list.
 */
public final class ThresholdCatalog {

    /** One rule and the thresholds it declares. */
    public record Rule(String name, String does, List<Threshold<?>> thresholds) {
    }

    public static final List<Rule> RULES = List.of(
            new Rule("RoomSensorRules", "smoke and off-gas at a room sensor",
                    List.of(RoomSensorRules.SMOKE_ALERT, RoomSensorRules.SMOKE_ACTION, RoomSensorRules.SMOKE_FIRE,
                            RoomSensorRules.VOC_PPM, RoomSensorRules.CO_PPM, RoomSensorRules.H2_PPM,
                            RoomSensorRules.VOC_RISE_PPM, RoomSensorRules.CO_RISE_PPM, RoomSensorRules.H2_RISE_PPM)),
            new Rule("VentWatch", "off-gas that is a vent", List.of(VentWatch.VENT_SUSTAIN)),
            new Rule("ThermalAnalyzer", "a module's probes: rises, runaway, hot spots, drift",
                    List.of(ThermalAnalyzer.RISE_C_PER_MIN, ThermalAnalyzer.RISE_WINDOW, ThermalAnalyzer.PEER_DEVIATION_C,
                            ThermalAnalyzer.RUNAWAY_TEMP_C, ThermalAnalyzer.HOT_SPOT_C, ThermalAnalyzer.HOT_SPOT_C_PER_MIN,
                            ThermalAnalyzer.DRIFT_C, ThermalAnalyzer.DRIFT_C_PER_MIN)),
            new Rule("VoltageAnalyzer", "a module's cells: drops and sags",
                    List.of(VoltageAnalyzer.VOLTAGE_DROP_FRACTION, VoltageAnalyzer.SAG_V, VoltageAnalyzer.SAG_SAMPLES)),
            new Rule("VoltageLimits", "a cell's charge limit", List.of(VoltageLimits.CELL_MAX_V)),
            new Rule("ProbeHealth", "a probe that is stuck", List.of(ProbeHealth.STUCK_AFTER)),
            new Rule("RackComparison", "a rack warmer than its room", List.of(RackComparison.RACK_DEVIATION_C)),
            new Rule("Corroboration", "co-located evidence that adds up",
                    List.of(Corroboration.HINT_FRACTION, Corroboration.CORROBORATION_SCORE)),
            new Rule("Worsening", "a warning that keeps worsening", List.of(Worsening.WORSENING_AFTER, Worsening.WORSENING_FACTOR)),
            new Rule("RoomMachine", "a room's level: evidence, silence, hysteresis",
                    List.of(RoomMachine.EVIDENCE_WINDOW, RoomMachine.SILENCE_AFTER, RoomMachine.HOLD_AFTER)),
            new Rule("SensorFaults", "a sensor fault's life", List.of(SensorFaults.SENSOR_CLEAR_AFTER)));

    /** Every threshold by its key, in the order of {@link #RULES}. */
    public static final Map<String, Threshold<?>> BY_KEY = byKey();

    private ThresholdCatalog() {
    }

    public static Optional<Threshold<?>> find(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** The thresholds' table of docs/detection.md: key, default, valid values, rule and what it does. */
    public static String markdown() {
        StringBuilder out = new StringBuilder("| key | default | valid | rule | what it does |\n| --- | --- | --- | --- | --- |\n");
        for (Rule rule : RULES) {
            for (Threshold<?> t : rule.thresholds()) {
                out.append("| `").append(t.key()).append("` | ").append(t.formattedDefault()).append(" | ")
                        .append(t.rule().replace("|", "\\|")).append(" | `").append(rule.name()).append("` | ")
                        .append(t.doc().replace("|", "\\|")).append(" |\n");
            }
        }
        return out.toString();
    }

    /** Every key with its default, as a {@code detect.thresholds} block of {@code firebreak.yaml}. */
    public static String yaml() {
        StringBuilder out = new StringBuilder("detect:\n  thresholds:\n");
        for (Rule rule : RULES) {
            out.append("    # ").append(rule.name()).append(": ").append(rule.does()).append('\n');
            for (Threshold<?> t : rule.thresholds()) {
                out.append("    ").append(t.key()).append(": ").append(t.formattedDefault()).append('\n');
            }
        }
        return out.toString();
    }

    private static Map<String, Threshold<?>> byKey() {
        Map<String, Threshold<?>> out = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Rule rule : RULES) {
            for (Threshold<?> t : rule.thresholds()) {
                if (!seen.add(t.key())) {
                    throw new IllegalStateException("threshold " + t.key() + " declared twice");
                }
                out.put(t.key(), t);
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
