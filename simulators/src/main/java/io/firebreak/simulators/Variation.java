package io.firebreak.simulators;

import java.util.Random;

/**
 * The physics a seed draws, from ranges documented with their sources in docs/simulators.md: how much of
 * a cell's heat its probe sees, how fast faults grow, when and how a cell vents and which gas comes
 * first, how fast the room's ventilation dilutes gas, how noisy and coarse the sensors are, and how often
 * the BMS samples. A detector is measured over many seeds, so its lead must hold when the physics is a
 * little different, not only on one set of constants. Drawn from its own random stream, so it shifts no
 * other draw of the seed.
 *
 * @param probeCoupling  the share (0.25-1) of a cell's rise above its module's air that a probe on it reads
 * @param growth         a factor (0.5-2) on how fast faults grow (short halving times, heater ramps)
 * @param ventT          the temperature at which a cell vents (115-160 C)
 * @param ventSeconds    how long the vent releases its electrolyte vapour (30-600 s: a burst or a slow leak)
 * @param gasOrder       which gas a failing cell gives first
 * @param ventilationS   the time constant of the room's ventilation (300-1800 s: 12 to 2 air changes an hour)
 * @param otherZone      the share (0.01-0.1) of one zone's gas that reaches the sensors of the others
 * @param tempNoiseC     probe noise, one sigma (0.02-0.2 C)
 * @param tempStepC      probe quantisation (0.1 or 0.5 C)
 * @param voltNoiseV     cell-voltage noise, one sigma (0.5-3 mV)
 * @param samplePeriodS  the BMS sampling period (1, 2, 5 or 10 s; Korea's rule since 2023: 10 s or faster)
 */
public record Variation(double probeCoupling, double growth, double ventT, double ventSeconds, GasOrder gasOrder, double ventilationS,
                        double otherZone, double tempNoiseC, double tempStepC, double voltNoiseV, int samplePeriodS) {

    /** Which gas a failing cell gives first. */
    public enum GasOrder {
        /** Electrolyte vapour at the vent, CO and H2 at the runaway (most abuse tests). */
        VOC_FIRST,
        /** H2 from about 90 C, before the vent (lithium plating and binder reactions; overcharge tests). */
        H2_FIRST,
        /** No vent before the runaway: all gas comes with it (as one national-lab test saw). */
        NONE_BEFORE_RUNAWAY
    }

    private static final int[] PERIODS = {1, 2, 5, 10};

    /** The constants the simulator had before it varied: a seed-independent reference. */
    public static Variation nominal() {
        return new Variation(1.0, 1.0, CellPhysics.VENT_T, 50, GasOrder.VOC_FIRST, 900, 0.03, 0.05, 0.1, 0.001, 1);
    }

    /** The physics of {@code seed}. */
    public static Variation of(long seed) {
        Random r = new Random(seed * 0x2545F4914F6CDD1DL + 77);
        double coupling = 0.25 + 0.75 * r.nextDouble();
        double growth = Math.exp(Math.log(0.5) + r.nextDouble() * Math.log(4));
        double ventT = 115 + 45 * r.nextDouble();
        double ventSeconds = Math.exp(Math.log(30) + r.nextDouble() * Math.log(20));
        double order = r.nextDouble();
        GasOrder gasOrder = order < 0.6 ? GasOrder.VOC_FIRST : order < 0.8 ? GasOrder.H2_FIRST : GasOrder.NONE_BEFORE_RUNAWAY;
        double ventilation = 300 + 1500 * r.nextDouble();
        double otherZone = 0.01 + 0.09 * r.nextDouble();
        double tempNoise = 0.02 + 0.18 * r.nextDouble();
        double tempStep = r.nextDouble() < 0.7 ? 0.1 : 0.5;
        double voltNoise = 0.0005 + 0.0025 * r.nextDouble();
        int period = PERIODS[r.nextInt(PERIODS.length)];
        return new Variation(coupling, growth, ventT, ventSeconds, gasOrder, ventilation, otherZone, tempNoise, tempStep, voltNoise, period);
    }

    /** A short line for logs and docs. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "coupling=%.2f growth=%.2f vent_t=%.0fC vent_s=%.0f gas=%s ventilation_s=%.0f "
                + "other_zone=%.3f temp_noise=%.2fC temp_step=%.1fC volt_noise=%.1fmV sample_s=%d", probeCoupling, growth, ventT,
                ventSeconds, gasOrder.name().toLowerCase(java.util.Locale.ROOT), ventilationS, otherZone, tempNoiseC, tempStepC,
                voltNoiseV * 1000, samplePeriodS);
    }
}
