package io.firebreak.telemetry.inventory;

import java.util.Locale;

/**
 * A battery rack: {@code modules} modules of {@code cellsPerModule} cells in series, each module with
 * {@code probesPerModule} temperature probes spread evenly over its cells.
 */
public record Rack(String id, String zone, int modules, int cellsPerModule, int probesPerModule) {

    /** The module id used in topics, {@code M01} for the first module. */
    public static String moduleId(int index) {
        return String.format(Locale.ROOT, "M%02d", index + 1);
    }

    /** The first cell (0-based, inclusive) probe {@code probe} sits on. */
    public int firstCellOfProbe(int probe) {
        return probe * cellsPerModule / probesPerModule;
    }

    /** One past the last cell (0-based, exclusive) probe {@code probe} sits on. */
    public int endCellOfProbe(int probe) {
        return (probe + 1) * cellsPerModule / probesPerModule;
    }

    /** The probe that sits on {@code cell} (0-based). */
    public int probeOfCell(int cell) {
        for (int probe = 0; probe < probesPerModule; probe++) {
            if (cell < endCellOfProbe(probe)) {
                return probe;
            }
        }
        throw new IllegalArgumentException("cell: " + cell + " is outside a module of " + cellsPerModule + " cells");
    }

    public int cells() {
        return modules * cellsPerModule;
    }
}
