package io.firebreak.gateway.modbus;

import io.firebreak.gateway.PollFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the registers of one block into contract fields, point by point: raw value, SunSpec scale factor,
 * scale and offset; a raw value the map marks {@code missing} becomes null in an array and is left out as a
 * scalar. A value outside the point's range fails the whole block: the device is answering something the map
 * does not describe, and the gateway never publishes a value it cannot vouch for.
 */
final class BlockDecoder {

    /** The fields of a block, or why there are none. */
    record Decoded(Map<String, Object> fields, PollFailure failure) {
    }

    private BlockDecoder() {
    }

    static Decoded decode(List<Point> points, RegisterImage image, int base, Map<Integer, Integer> modelBases) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Point p : points) {
            int origin = ReadPlan.origin(p, base, modelBases);
            double factor = 1.0;
            if (p.scaleFactorAddress() != null) {
                int sf = (short) image.get(p.function(), origin + p.scaleFactorAddress());
                if (sf == Short.MIN_VALUE) {
                    continue; // SunSpec: the scale factor, and so the point, is not implemented
                }
                if (sf < -10 || sf > 10) {
                    return failure(PollFailure.Reason.OUT_OF_RANGE, p.field() + ": scale factor " + sf + " is outside -10..10");
                }
                factor = Math.pow(10, sf);
            }
            int[] regs = image.read(p.function(), origin + p.address(), p.span());
            List<Double> values = new ArrayList<>(p.count());
            for (int i = 0; i < p.count(); i++) {
                double raw = p.type().decode(regs, i * p.stride(), p.wordOrder());
                if (p.missingRaw() != null && raw == p.missingRaw()) {
                    values.add(null);
                    continue;
                }
                double value = raw * factor * p.scale() + p.offset();
                if (!Double.isFinite(value) || value < p.min() || value > p.max()) {
                    String where = p.isArray() ? p.field() + "[" + i + "]" : p.field();
                    return failure(PollFailure.Reason.OUT_OF_RANGE, where + " = " + value + " is outside [" + p.min() + ", " + p.max() + "]");
                }
                values.add(round(value));
            }
            if (p.isArray()) {
                fields.put(p.field(), values);
            } else if (values.get(0) != null) {
                fields.put(p.field(), values.get(0));
            }
        }
        if (fields.isEmpty() || fields.values().stream().allMatch(v -> v instanceof List<?> l && l.stream().allMatch(x -> x == null))) {
            return failure(PollFailure.Reason.NO_VALUE, "every point of the map read as missing");
        }
        return new Decoded(fields, null);
    }

    /** Keeps what a register can carry and drops binary noise such as 3.3120000000000003. */
    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    private static Decoded failure(PollFailure.Reason reason, String detail) {
        return new Decoded(null, new PollFailure(reason, detail));
    }
}
