package io.firebreak.simulators;

import io.firebreak.telemetry.inventory.Chemistry;
import java.util.Arrays;
import java.util.Random;

/**
 * The physical state of one battery module and its electro-thermal step: per-cell temperature, voltage,
 * state of charge and faults, and the air inside the module. Cells in series carry the string current;
 * each cell heats by I<sup>2</sup>R (plus any internal short, external heater, overcharge side reaction
 * and decomposition chemistry), exchanges heat with the module air and with its neighbours, and the
 * module air exchanges heat with the room and the neighbouring modules.
 */
final class ModuleState {

    final double[] cellT;
    final double[] cellV;
    final double[] soc;
    /** Per-cell offset of the local air (manufacturing and airflow): healthy cells are not identical. */
    final double[] offset;
    /** Per-cell capacity spread, as a factor of the nominal capacity. */
    final double[] capacity;
    final double[] shortOhm;
    final double[] heaterW;
    final double[] sensitisation;
    final double[] ventLeftJ;
    final double[] fuelJ;
    final double[] peakT;
    final boolean[] vented;
    final boolean[] runaway;
    /** Cells a scenario drives directly (their temperature and voltage are not integrated). */
    final boolean[] scripted;
    double airT;
    double currentA;
    /** Per step: gas released into the zone (ppm-equivalent at the zone's sensor) and burning cells. */
    double ventVoc;
    double runawayGas;
    /** Per step: H2 released before the vent (only when the seed's gas order is H2 first). */
    double earlyH2;
    private final double ventT;
    final Chemistry chemistry;
    private final double ventSeconds;
    private final boolean h2First;
    /** Electrolyte vapour a vent releases in all, ppm-equivalent at the zone's sensor. */
    private static final double VENT_VOC = 300.0;
    /** Temperature from which a cell that gives H2 first releases it (lithium plating, binder reactions). */
    private static final double EARLY_H2_T = 90.0;
    int burning;
    /** Per step: vents and runaways that began (for the event log). */
    int newVents;
    int newRunaways;
    final EnergyLedger ledger = new EnergyLedger();
    private final double[] next;
    /** Heat a cell released in runaway in the last step, W: a fifth of it reaches each neighbour (hot ejecta). */
    private final double[] released;
    private final double[] nextReleased;
    private static final double EJECTA = 0.2;

    ModuleState(int cells, double ambient, Random random) {
        this(cells, ambient, random, Variation.nominal(), Chemistry.LFP);
    }

    ModuleState(int cells, double ambient, Random random, Variation variation, Chemistry chemistry) {
        this.chemistry = chemistry;
        this.ventT = variation.gasOrder() == Variation.GasOrder.NONE_BEFORE_RUNAWAY ? CellPhysics.RUNAWAY_T : variation.ventT();
        this.ventSeconds = variation.ventSeconds();
        this.h2First = variation.gasOrder() == Variation.GasOrder.H2_FIRST;
        cellT = new double[cells];
        cellV = new double[cells];
        soc = new double[cells];
        offset = new double[cells];
        capacity = new double[cells];
        shortOhm = new double[cells];
        heaterW = new double[cells];
        sensitisation = new double[cells];
        ventLeftJ = new double[cells];
        fuelJ = new double[cells];
        peakT = new double[cells];
        vented = new boolean[cells];
        runaway = new boolean[cells];
        scripted = new boolean[cells];
        next = new double[cells];
        released = new double[cells];
        nextReleased = new double[cells];
        airT = ambient + ELECTRONICS_RISE;
        for (int c = 0; c < cells; c++) {
            offset[c] = random.nextGaussian() * 0.3;
            capacity[c] = 1.0 + random.nextGaussian() * 0.01;
            soc[c] = 0.97 + random.nextGaussian() * 0.002;
            cellT[c] = airT + offset[c];
            cellV[c] = CellPhysics.ocv(soc[c], chemistry);
            shortOhm[c] = Double.POSITIVE_INFINITY;
            peakT[c] = 480 + random.nextDouble() * 300;
        }
        currentA = 0.4;
    }

    private static final double ELECTRONICS_RISE = CellPhysics.ELECTRONICS_W / CellPhysics.H_MODULE_ROOM;

    /** One step of {@code dt} seconds with the room air at {@code roomT} and the neighbour modules' air. */
    void step(double dt, double roomT, double neighbourAir, int neighbours) {
        ventVoc = 0;
        runawayGas = 0;
        earlyH2 = 0;
        burning = 0;
        newVents = 0;
        newRunaways = 0;
        double toAir = 0;
        double current = currentA;
        int n = cellT.length;
        for (int c = 0; c < n; c++) {
            double t = cellT[c];
            if (scripted[c]) {
                next[c] = t;
                toAir += CellPhysics.H_CELL_AIR * (t - airT);
                continue;
            }
            double r = CellPhysics.resistance(t);
            double ocv = CellPhysics.ocv(soc[c], this.chemistry);
            double ohmic = current * current * r;
            double shortCurrent = 0;
            double shortHeat = 0;
            if (Double.isFinite(shortOhm[c]) && !runaway[c]) {
                // the short grows as the separator around it softens with heat
                double rs = shortOhm[c] * Math.exp(-Math.min(50, Math.max(0, t - 25)) / 40.0);
                shortCurrent = ocv / (rs + r);
                shortHeat = shortCurrent * shortCurrent * (rs + r);
            }
            double overcharge = soc[c] > 1.0 && current > 0 ? current * (ocv - CellPhysics.sideReactionV(this.chemistry)) : 0;
            double chemistry = runaway[c] ? 0 : Math.min(5000, CellPhysics.selfHeating(t, sensitisation[c]));
            double ejecta = EJECTA * ((c > 0 ? released[c - 1] : 0) + (c < n - 1 ? released[c + 1] : 0));
            double q = ohmic + shortHeat + heaterW[c] + overcharge + chemistry + ejecta;
            if (h2First && !runaway[c] && t >= EARLY_H2_T - sensitisation[c]) {
                earlyH2 += Math.min(1.0, 0.02 * (t - EARLY_H2_T + sensitisation[c]));
            }
            if (!vented[c] && t >= ventT - sensitisation[c] * 0.3) {
                vented[c] = true;
                ventLeftJ[c] = CellPhysics.VENT_ENERGY_J;
                newVents++;
            }
            if (ventLeftJ[c] > 0) {
                // the vent opens: gas and electrolyte leave and carry heat away, dT/dt dips
                double taken = Math.min(ventLeftJ[c], CellPhysics.VENT_ENERGY_J / ventSeconds * dt);
                ventLeftJ[c] -= taken;
                q -= taken / dt;
                ventVoc += VENT_VOC / ventSeconds * dt;
            }
            if (!runaway[c] && t >= CellPhysics.RUNAWAY_T) {
                runaway[c] = true;
                fuelJ[c] = CellPhysics.HEAT_CAPACITY * (peakT[c] - t) * 1.6;
                newRunaways++;
            }
            double release = 0;
            if (runaway[c] && fuelJ[c] > 1) {
                release = fuelJ[c] * Math.min(1.0, 0.06 * dt) / dt;
                fuelJ[c] -= release * dt;
                q += release * (1 - 2 * EJECTA);
                runawayGas += 1.0;
                if (fuelJ[c] > 5_000) {
                    burning++;
                }
            }
            nextReleased[c] = release;
            double left = c > 0 ? cellT[c - 1] - t : 0;
            double right = c < n - 1 ? cellT[c + 1] - t : 0;
            double conduction = CellPhysics.K_NEIGHBOUR * (left + right);
            double lost = CellPhysics.H_CELL_AIR * (t - (airT + offset[c]));
            toAir += lost;
            next[c] = t + dt * (q + conduction - lost) / CellPhysics.HEAT_CAPACITY;
            soc[c] += dt * (current - shortCurrent) / 3600.0 / (CellPhysics.CAPACITY_AH * capacity[c]);
            soc[c] = Math.max(0, soc[c]);
            if (runaway[c]) {
                cellV[c] = cellV[c] * Math.exp(-dt / 2.0);
            } else {
                cellV[c] = Math.max(0, CellPhysics.ocv(soc[c], this.chemistry) + (current - shortCurrent) * r);
            }
            ledger.add(dt, ocv * current, (ocv + current * r) * current, ohmic, q, lost);
        }
        System.arraycopy(next, 0, cellT, 0, n);
        System.arraycopy(nextReleased, 0, released, 0, n);
        double exchange = CellPhysics.K_MODULE * (neighbourAir - neighbours * airT);
        double roomLoss = CellPhysics.H_MODULE_ROOM * (airT - roomT);
        ledger.toRoom(dt, roomLoss - exchange);
        airT += dt * (toAir + CellPhysics.ELECTRONICS_W - roomLoss + exchange) / CellPhysics.MODULE_AIR_CAPACITY;
    }

    double maxT() {
        return Arrays.stream(cellT).max().orElse(Double.NaN);
    }

    /**
     * Mean state of charge of the module's cells. Compensated (Kahan) summation, bit for bit what
     * {@code Arrays.stream(soc).average()} gives, without a stream on every step of every module.
     */
    double meanSoc() {
        if (soc.length == 0) {
            return 0;
        }
        double sum = 0;
        double compensation = 0;
        for (double s : soc) {
            double y = s - compensation;
            double t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
        }
        return (sum - compensation) / soc.length;
    }
}
