package io.firebreak.gateway.bench;

import io.firebreak.telemetry.contract.BmsSample;
import java.util.List;

/**
 * Encodes one module's sample into the registers of the built-in {@code generic-rack} map (see
 * {@code maps/generic-rack.yaml}): what a rack controller would hold for the values the simulator's cell
 * model publishes. 64 registers per module block.
 */
public final class GenericRackRegisters {

    public static final int BLOCK = 64;
    public static final int CELLS = 14;
    public static final int PROBES = 4;

    private GenericRackRegisters() {
    }

    public static int[] encode(BmsSample sample) {
        int[] regs = new int[BLOCK];
        List<Double> v = sample.cellV();
        for (int c = 0; c < CELLS; c++) {
            Double value = c < v.size() ? v.get(c) : null;
            regs[c] = value == null ? 0xFFFF : (int) Math.round(value * 1000) & 0xFFFF;
        }
        List<Double> t = sample.cellT();
        for (int p = 0; p < PROBES; p++) {
            Double value = p < t.size() ? t.get(p) : null;
            regs[32 + p] = value == null ? 0x8000 : (int) Math.round(value * 10) & 0xFFFF;
        }
        int current = sample.currentA() == null ? 0 : (int) Math.round(sample.currentA() * 100);
        regs[48] = current & 0xFFFF;          // low word first (CDAB), as the map says
        regs[49] = (current >>> 16) & 0xFFFF;
        regs[50] = sample.soc() == null ? 0 : (int) Math.round(sample.soc() * 1000) & 0xFFFF;
        return regs;
    }
}
