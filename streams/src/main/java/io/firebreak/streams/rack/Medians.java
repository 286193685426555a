package io.firebreak.streams.rack;

import java.util.Arrays;

/** The median every rule compares against: of a probe's peers, a rack's probes, a room's racks, pairwise slopes. */
public final class Medians {

    private Medians() {
    }

    /** The median of the first {@code n} values of {@code sorted}, which are in ascending order; NaN when {@code n} is 0. */
    public static double ofSorted(double[] sorted, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The median of {@code values[from, to)}, which are left untouched. */
    static double of(double[] values, int from, int to) {
        double[] copy = Arrays.copyOfRange(values, from, to);
        Arrays.sort(copy);
        return ofSorted(copy, copy.length);
    }
}
