package io.firebreak.gateway.modbus;

import java.util.List;

/** The registers one poll of a block read, span by span, looked up by function and absolute address. */
final class RegisterImage {

    private final List<ReadPlan.Span> spans;
    private final int[][] values;

    RegisterImage(List<ReadPlan.Span> spans, int[][] values) {
        this.spans = spans;
        this.values = values;
    }

    /** Copies {@code count} registers from {@code address} into {@code out}. */
    int[] read(RegisterFunction function, int address, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = get(function, address + i);
        }
        return out;
    }

    int get(RegisterFunction function, int address) {
        for (int s = 0; s < spans.size(); s++) {
            ReadPlan.Span span = spans.get(s);
            if (span.function() == function && address >= span.start() && address < span.end()) {
                return values[s][address - span.start()];
            }
        }
        throw new IllegalStateException("register " + function + " " + address + " was not read");
    }

    /** Big-endian register pairs of a Modbus response as unsigned 16-bit values. */
    static int[] words(byte[] bytes) {
        int[] out = new int[bytes.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        return out;
    }
}
