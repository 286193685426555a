package io.firebreak.gateway.modbus;

import java.util.Objects;

/**
 * One contract field read from registers: a scalar ({@code count == 1}, e.g. {@code soc}) or an array of
 * {@code count} values {@code stride} registers apart (per-cell {@code cell_v}, per-probe {@code cell_t}).
 * The value is {@code raw * 10^sf * scale + offset}, where {@code sf} is read from {@code scaleFactorAddress}
 * (a SunSpec {@code sunssf} register) when one is given. A raw value equal to {@code missingRaw} means the
 * device has no reading there; a value outside {@code [min, max]} is a failed read, never published.
 *
 * @param field              the contract field this fills ({@code cell_v}, {@code h2_ppm}, ...)
 * @param function           holding or input registers
 * @param address            the first register, relative to the module's base (or to its SunSpec model)
 * @param model              the SunSpec model the address is relative to, or null for a plain address
 * @param scaleFactorAddress the register holding a power-of-ten scale factor, same addressing, or null
 */
public record Point(String field, RegisterFunction function, int address, Integer model, int count, int stride,
                    RegisterType type, WordOrder wordOrder, double scale, double offset, double min, double max,
                    Long missingRaw, Integer scaleFactorAddress) {

    public Point {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(wordOrder, "word_order");
        if (count < 1) {
            throw new IllegalArgumentException("count: must be >= 1, was " + count);
        }
        if (stride < type.words()) {
            throw new IllegalArgumentException("stride: must be at least the " + type.words() + " register(s) of a " + type + ", was " + stride);
        }
    }

    /** Registers from the first to the last value, inclusive. */
    public int span() {
        return (count - 1) * stride + type.words();
    }

    public boolean isArray() {
        return count > 1;
    }
}
