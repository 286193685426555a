package io.firebreak.simulators;

import io.firebreak.telemetry.inventory.Chemistry;

/**
 * Constants and curves of the simulated cell: a 68 Ah LFP cell as used in UPS racks (about 25 kWh per
 * rack of 112 cells). Open-circuit voltage against state of charge, internal resistance against
 * temperature, heat capacity, heat exchange, and the self-heating and runaway chemistry.
 */
final class CellPhysics {


    static final double CAPACITY_AH = 68.0;
    /** Heat capacity of one cell, J/K (about 1.5 kg at 1 J/gK). */
    static final double HEAT_CAPACITY = 1500.0;
    /** Cell to module air, W/K. */
    static final double H_CELL_AIR = 2.5;
    /** Cell to its neighbour in the module, W/K (conduction through the case and busbar). */
    static final double K_NEIGHBOUR = 1.0;
    /** Module air node: heat capacity J/K, exchange with room air W/K, BMS electronics W. */
    static final double MODULE_AIR_CAPACITY = 5000.0;
    static final double H_MODULE_ROOM = 60.0;
    static final double ELECTRONICS_W = 90.0;
    /** Module air to the next module's air in the rack, W/K. */
    static final double K_MODULE = 4.0;
    /** Internal resistance at 25 C, ohm. */
    static final double R25 = 0.0009;
    /** Temperature at which the separator and electrolyte vent. */
    static final double VENT_T = 125.0;
    /** Energy the vent takes away (evaporation, gas expansion), J: the dip in dT/dt. */
    static final double VENT_ENERGY_J = 30_000.0;
    /** Temperature at which the cell runs away. */
    static final double RUNAWAY_T = 180.0;

    private static final double[] SOC = {0.0, 0.05, 0.1, 0.2, 0.5, 0.8, 0.9, 0.97, 1.0};
    private static final double[] OCV = {2.50, 3.00, 3.20, 3.25, 3.29, 3.32, 3.33, 3.34, 3.45};
    /** NMC (and NCA): a sloped curve from 3.0 V empty to 4.2 V full (typical NMC622 open-circuit data). */
    private static final double[] OCV_NMC = {3.00, 3.45, 3.55, 3.62, 3.75, 4.00, 4.08, 4.15, 4.20};

    private CellPhysics() {
    }

    /** Open-circuit voltage of an LFP cell at a state of charge; above 1 (overcharge) it climbs steeply. */
    static double ocv(double soc) {
        return ocv(soc, OCV);
    }

    /** Open-circuit voltage of a cell of {@code chemistry} (LFP, or the NMC curve for NMC and NCA). */
    static double ocv(double soc, Chemistry chemistry) {
        return ocv(soc, chemistry == Chemistry.LFP ? OCV : OCV_NMC);
    }

    /** Where overcharge side reactions begin: a quarter volt below the chemistry's charge limit (3.40 V for LFP). */
    static double sideReactionV(Chemistry chemistry) {
        return chemistry.chargeLimitV() - 0.25;
    }

    private static double ocv(double soc, double[] curve) {
        if (soc >= 1.0) {
            return Math.min(5.2, curve[curve.length - 1] + (soc - 1.0) * 12.0);
        }
        if (soc <= 0.0) {
            return curve[0];
        }
        for (int i = 1; i < SOC.length; i++) {
            if (soc <= SOC[i]) {
                double f = (soc - SOC[i - 1]) / (SOC[i] - SOC[i - 1]);
                return curve[i - 1] + f * (curve[i] - curve[i - 1]);
            }
        }
        return curve[curve.length - 1];
    }

    /** Internal resistance: higher when cold (Arrhenius-like, halving per ~25 K). */
    static double resistance(double tempC) {
        return R25 * Math.exp(-0.028 * (Math.min(tempC, 90) - 25));
    }

    /**
     * Heat of the decomposition reactions before runaway, W: SEI breakdown from about 80 C, about
     * 0.02 C/min at 90 C, accelerating roughly tenfold each 28 K. Lithium plating from overcharge
     * makes a cell react earlier ({@code sensitisation} in kelvin).
     */
    static double selfHeating(double tempC, double sensitisation) {
        double t = tempC + sensitisation;
        if (t < 80) {
            return 0;
        }
        return 0.5 * Math.exp((t - 90) / 12.0);
    }
}
