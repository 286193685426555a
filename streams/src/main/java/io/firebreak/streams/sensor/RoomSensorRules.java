package io.firebreak.streams.sensor;

import io.firebreak.streams.Precursors;
import io.firebreak.streams.Threshold;
import io.firebreak.streams.Threshold.Check;
import io.firebreak.streams.Thresholds;
import io.firebreak.streams.rack.ProbeHealth;
import io.firebreak.streams.room.Signal;
import io.firebreak.telemetry.contract.EnvSample;
import io.firebreak.telemetry.contract.FireEvent;
import io.firebreak.telemetry.contract.GatewayStatus;
import io.firebreak.telemetry.contract.PowerSample;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import java.util.ArrayList;
import java.util.List;

/**
 * The room-level rules: smoke and off-gas levels, fire-panel events, power state and gateway status.
 * Off-gas is judged against an absolute level and against the zone's own baseline (a slow average of its
 * clean readings), so a zone with clean air warns at a few ppm while a zone whose sensor reads high
 * never warns on its own baseline. Each sensor's gas baseline and vent run are a {@link GasTrack} in the
 * {@code gas-history} store (changelogged), so a restart or a rebalance neither forgets a vent under way
 * nor has to learn the baselines again.
 */
public final class RoomSensorRules {

    public static final Threshold<Double> SMOKE_ALERT = Threshold.number("smoke_alert", 0.04, Check.positive(),
            "smoke (%obs/m) at an aspirating detector's alert level: watch (one maker's alert level)");
    public static final Threshold<Double> SMOKE_ACTION = Threshold.number("smoke_action", 0.165, Check.positive(),
            "smoke at the action level: a warning (smoke family)");
    public static final Threshold<Double> SMOKE_FIRE = Threshold.number("smoke_fire", 0.825, Check.positive(),
            "smoke at the fire level: critical on its own; alert < action < fire must hold");
    public static final Threshold<Double> VOC_PPM = Threshold.number("voc_ppm", 20, Check.positive(),
            "electrolyte vapour (VOC, ppm) at or above this is an off-gas warning");
    public static final Threshold<Double> CO_PPM = Threshold.number("co_ppm", 50, Check.positive(),
            "carbon monoxide (ppm) at or above this is an off-gas warning");
    public static final Threshold<Double> H2_PPM = Threshold.number("h2_ppm", 10, Check.positive(),
            "hydrogen (ppm) at or above this is an off-gas warning");
    public static final Threshold<Double> VOC_RISE_PPM = Threshold.number("voc_rise_ppm", 5, Check.positive(),
            "VOC this far above the zone's own baseline is an off-gas warning even below `voc_ppm`");
    public static final Threshold<Double> CO_RISE_PPM = Threshold.number("co_rise_ppm", 10, Check.positive(),
            "as `voc_rise_ppm`, for CO");
    public static final Threshold<Double> H2_RISE_PPM = Threshold.number("h2_rise_ppm", 5, Check.positive(),
            "as `voc_rise_ppm`, for H2");

    /** The suffix of a gas's signal while it is a vent ({@code voc_vent}), see {@link VentWatch}. */
    public static final String VENT = "_vent";
    /** Two or more gas species above their absolute levels at one sensor. */
    static final String SPECIES = "offgas_species";

    /** The time constant of a zone's off-gas baseline. */
    private static final double BASELINE_TAU_MS = 30 * 60_000.0;

    /** Where the tracks live: the {@code gas-history} store, or a map in unit tests. */
    public interface Tracks {
        GasTrack get(String key);

        void put(String key, GasTrack track);
    }

    private final Thresholds thresholds;
    private final VentWatch vents;
    private final Tracks tracks;

    public RoomSensorRules(Thresholds thresholds, Tracks tracks) {
        this.thresholds = thresholds;
        this.vents = new VentWatch(thresholds.escalation());
        this.tracks = tracks;
    }

    public List<Signal> analyze(Reading reading) {
        List<Signal> out = new ArrayList<>();
        String device = reading.source().device();
        if (reading.measurement() instanceof EnvSample env) {
            smoke(reading, env.smokePctM(), out);
            Precursors precursors = thresholds.precursors();
            offGas(reading, "voc", env.vocPpm(), thresholds.vocPpm(), precursors.vocRisePpm(), out);
            offGas(reading, "co", env.coPpm(), thresholds.coPpm(), precursors.coRisePpm(), out);
            offGas(reading, "h2", env.h2Ppm(), thresholds.h2Ppm(), precursors.h2RisePpm(), out);
            speciesTogether(reading, env, out);
        } else if (reading.measurement() instanceof FireEvent fire) {
            String where = fire.zone() == null ? device : device + "/" + fire.zone();
            switch (fire.event()) {
                case ALARM -> out.add(signal(reading, "fire_alarm", "fire_panel", where, 1, "", RiskLevel.CRITICAL));
                case SUPPRESSION_RELEASED -> out.add(signal(reading, "suppression_released", "fire_panel", where, 1, "", RiskLevel.CRITICAL));
                case PRE_ALARM -> out.add(signal(reading, "fire_pre_alarm", "fire_panel", where, 1, "", RiskLevel.WARNING));
                case FAULT -> out.add(signal(reading, "panel_fault", ProbeHealth.FAMILY, where, 1, "", RiskLevel.WATCH));
                case RESET -> out.add(cleared(signal(reading, "panel_fault", ProbeHealth.FAMILY, where, 0, "", RiskLevel.WATCH)));
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
            out.add(gateway.online() ? cleared(lost) : lost);
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

    /** Warns at the absolute level, or at {@code rise} above the zone's baseline when that is lower. */
    private void offGas(Reading reading, String gas, Double ppm, double level, double rise, List<Signal> out) {
        if (ppm == null) {
            return;
        }
        String key = reading.source().deviceId() + "/" + gas;
        GasTrack before = tracks.get(key);
        GasTrack track = vents.record(before == null ? GasTrack.EMPTY : before, reading.ts(), ppm, level);
        if (ppm >= level) {
            boolean vent = vents.venting(track, reading.ts());
            out.add(signal(reading, vent ? gas + VENT : gas, "offgas", reading.source().device(), ppm, "ppm", RiskLevel.WARNING));
        } else if (track.hasBaseline() && ppm >= track.baselinePpm() + rise) {
            out.add(signal(reading, gas + "_rise", "offgas", reading.source().device(), ppm, "ppm", RiskLevel.WARNING));
        } else {
            // only clean readings teach the baseline, so a slow leak cannot raise it to itself
            double weight = !track.hasBaseline() ? 1 : Math.min(1, Math.max(0, reading.ts() - track.baselineTs()) / BASELINE_TAU_MS);
            double learnt = !track.hasBaseline() ? ppm : track.baselinePpm() + weight * (ppm - track.baselinePpm());
            track = track.withBaseline(learnt, reading.ts());
        }
        if (!track.equals(before)) {
            tracks.put(key, track);
        }
    }

    /**
     * Two gas species at or above their absolute levels at one sensor: electrolyte vapour together with CO
     * or H2 (or CO with H2) is a cell decomposing, not a solvent, a diesel exhaust or a lead-acid string
     * gassing, each of which gives one species. Decisive: it drains on its own.
     */
    private void speciesTogether(Reading reading, EnvSample env, List<Signal> out) {
        List<String> above = new ArrayList<>();
        if (env.vocPpm() != null && env.vocPpm() >= thresholds.vocPpm()) {
            above.add("voc");
        }
        if (env.coPpm() != null && env.coPpm() >= thresholds.coPpm()) {
            above.add("co");
        }
        if (env.h2Ppm() != null && env.h2Ppm() >= thresholds.h2Ppm()) {
            above.add("h2");
        }
        if (above.size() >= 2) {
            out.add(signal(reading, SPECIES, "offgas", reading.source().device(), above.size(), "species", RiskLevel.CRITICAL));
        }
    }

    private static Signal cleared(Signal signal) {
        return new Signal(signal.site(), signal.room(), signal.evidence(), RiskLevel.NORMAL, true);
    }

    private static Signal signal(Reading reading, String name, String family, String where, double value, String unit, RiskLevel level) {
        Evidence evidence = new Evidence(name, family, where, value, unit, reading.ts(), level == RiskLevel.CRITICAL);
        return new Signal(reading.source().site(), reading.source().room(), evidence, level, false);
    }
}
