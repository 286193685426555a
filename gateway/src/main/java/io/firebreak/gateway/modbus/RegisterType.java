package io.firebreak.gateway.modbus;

/** How a value is laid out in 16-bit registers. */
public enum RegisterType {
    INT16(1), UINT16(1), INT32(2), UINT32(2), FLOAT32(2);

    private final int words;

    RegisterType(int words) {
        this.words = words;
    }

    /** The registers one value takes. */
    public int words() {
        return words;
    }

    /** The raw value of {@code words()} registers starting at {@code at}, high word first or not. */
    public double decode(int[] registers, int at, WordOrder order) {
        if (words == 1) {
            int w = registers[at] & 0xFFFF;
            return this == INT16 ? (short) w : w;
        }
        int hi = registers[order == WordOrder.BIG ? at : at + 1] & 0xFFFF;
        int lo = registers[order == WordOrder.BIG ? at + 1 : at] & 0xFFFF;
        int bits = (hi << 16) | lo;
        return switch (this) {
            case INT32 -> bits;
            case UINT32 -> bits & 0xFFFF_FFFFL;
            default -> Float.intBitsToFloat(bits);
        };
    }
}
