package io.firebreak.gateway.modbus;

/** Which Modbus read a point is read with. */
public enum RegisterFunction {
    /** Function code 3, read holding registers. */
    HOLDING(3),
    /** Function code 4, read input registers. */
    INPUT(4);

    private final int code;

    RegisterFunction(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
