package io.firebreak.gateway.modbus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The reads one block needs: its points' registers (and their scale-factor registers) merged into as few
 * requests as Modbus allows (at most 125 registers each), reading through short gaps rather than asking twice.
 */
record ReadPlan(List<Span> spans) {

    /** Modbus reads at most this many registers in one request. */
    static final int MAX_REGISTERS = 125;
    /** Unused registers worth reading to save a request. */
    private static final int MAX_GAP = 32;

    /** One read request: {@code quantity} registers of {@code function} from {@code start}. */
    record Span(RegisterFunction function, int start, int quantity) {
        int end() {
            return start + quantity;
        }
    }

    /**
     * The plan for {@code points}, each placed at {@code base} plus its address, or inside its SunSpec model
     * at {@code modelBases.get(model)}.
     */
    static ReadPlan of(List<Point> points, int base, Map<Integer, Integer> modelBases) {
        List<Span> wanted = new ArrayList<>();
        for (Point p : points) {
            int origin = origin(p, base, modelBases);
            wanted.add(new Span(p.function(), origin + p.address(), p.span()));
            if (p.scaleFactorAddress() != null) {
                wanted.add(new Span(p.function(), origin + p.scaleFactorAddress(), 1));
            }
        }
        wanted.sort(Comparator.comparing(Span::function).thenComparingInt(Span::start));
        List<Span> merged = new ArrayList<>();
        for (Span s : wanted) {
            Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.function() == s.function() && s.start() <= last.end() + MAX_GAP
                    && Math.max(last.end(), s.end()) - last.start() <= MAX_REGISTERS) {
                merged.set(merged.size() - 1, new Span(s.function(), last.start(), Math.max(last.end(), s.end()) - last.start()));
            } else {
                // a point wider than one request is split into requests of at most 125
                for (int start = s.start(); start < s.end(); start += MAX_REGISTERS) {
                    merged.add(new Span(s.function(), start, Math.min(MAX_REGISTERS, s.end() - start)));
                }
            }
        }
        return new ReadPlan(List.copyOf(merged));
    }

    static int origin(Point p, int base, Map<Integer, Integer> modelBases) {
        return p.model() == null ? base : modelBases.get(p.model());
    }
}
