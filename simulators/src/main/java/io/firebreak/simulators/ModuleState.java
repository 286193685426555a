package io.firebreak.simulators;

import java.util.Arrays;

/** The physical state of one battery module: per-cell temperature (C) and voltage (V), string current. */
final class ModuleState {

    final double[] cellT;
    final double[] cellV;
    /** Per-cell thermal offset from manufacturing and airflow: healthy cells are not identical. */
    final double[] offset;
    double currentA;
    double soc;

    ModuleState(int cells, double ambient, java.util.Random random) {
        cellT = new double[cells];
        cellV = new double[cells];
        offset = new double[cells];
        for (int c = 0; c < cells; c++) {
            offset[c] = random.nextGaussian() * 0.3;
            cellT[c] = ambient + 2.0 + offset[c];
            cellV[c] = 3.33 + random.nextGaussian() * 0.003;
        }
        currentA = 0.4;
        soc = 0.97;
    }

    double maxT() {
        return Arrays.stream(cellT).max().orElse(Double.NaN);
    }
}
