package io.firebreak.simulators;

import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.inventory.Rack;
import io.firebreak.telemetry.inventory.Room;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * When a sensor of one room could first have seen a fault, judged on what the simulator publishes for
 * that room (after noise, quantisation and probe faults) and deliberately independent of the detector's
 * thresholds. A fault is visible at the first event time at which any of these holds:
 * <ul>
 *   <li>a cell reads {@value #CELL_SAG_V} V or more below its module's median cell, or above the
 *       rack's charge limit (its chemistry's, or {@value #CHARGE_LIMIT_V} V LFP when undeclared), at every sample for {@value #HOLD_MS} ms;</li>
 *   <li>a probe reads {@value #PROBE_RISE_C} C or more above the median of its module's other probes, or
 *       a rack's median probe is that much above the median of the other racks' medians, for
 *       {@value #HOLD_MS} ms;</li>
 *   <li>a sensor's VOC, CO or H<sub>2</sub> is above {@value #GAS_FACTOR} times its first value plus
 *       {@value #GAS_MARGIN_PPM} ppm, its smoke reaches {@value #SMOKE_PCT_M} %obs/m, or a fire panel
 *       sends any event but {@code fault}.</li>
 * </ul>
 * Sustained conditions are dated at the end of their {@value #HOLD_MS} ms. The result goes to the
 * {@link EventLog}; nothing more is watched once it is set.
 */
final class Visibility {

    static final long HOLD_MS = 30_000;
    static final double CELL_SAG_V = 0.040;
    static final double CHARGE_LIMIT_V = 3.65;
    static final double PROBE_RISE_C = 3.0;
    static final double GAS_FACTOR = 3.0;
    static final double GAS_MARGIN_PPM = 5.0;
    static final double SMOKE_PCT_M = 0.04;
    /** Published values are quantised: compare with this much slack so 40 mV is 40 mV. */
    private static final double EPSILON = 1e-9;
    private static final String[] GASES = {"VOC", "CO", "H2"};

    private final String roomId;
    private final EventLog log;
    /** Condition key to the first event time it held at every sample since. */
    private final Map<String, Long> heldSince = new HashMap<>();
    private final Set<String> heldNow = new HashSet<>();
    private final Map<String, double[]> gasAtStart = new HashMap<>();
    private final Map<String, double[]> rackProbes = new HashMap<>();
    private final Map<String, int[]> rackProbeCount = new HashMap<>();
    private double[] scratch = new double[16];

    Visibility(String roomId, EventLog log) {
        this.roomId = roomId;
        this.log = log;
    }

    /** True while {@code room}'s publications are still to be watched. */
    boolean watching(String room) {
        return log.firstVisible == null && roomId.equals(room);
    }

    /** One published BMS sample: cell voltages, and probe readings ({@code NaN} for no reading). */
    void bms(Rack rack, int module, double[] volts, int cells, double[] probes, int probeCount, long ts) {
        double median = median(volts, cells);
        double limit = rack.declaredChemistry().map(io.firebreak.telemetry.inventory.Chemistry::chargeLimitV).orElse(CHARGE_LIMIT_V);
        for (int c = 0; c < cells; c++) {
            double v = volts[c];
            boolean sagging = median - v >= CELL_SAG_V - EPSILON;
            if ((sagging || v > limit + EPSILON) && held("v/" + rack.id() + "/" + module + "/" + c, ts)) {
                visible(ts, sagging
                        ? String.format(Locale.ROOT, "cell voltage %s c%d %.0f mV below module median", where(rack, module), c + 1, (median - v) * 1000)
                        : String.format(Locale.ROOT, "cell voltage %s c%d %.3f V above the %.2f V charge limit", where(rack, module), c + 1, v, limit));
            }
        }
        double[] all = rackProbes.computeIfAbsent(rack.id(), k -> new double[rack.modules() * rack.probesPerModule()]);
        int[] count = rackProbeCount.computeIfAbsent(rack.id(), k -> new int[1]);
        for (int p = 0; p < probeCount; p++) {
            double t = probes[p];
            if (Double.isNaN(t)) {
                continue;
            }
            all[count[0]++] = t;
            double others = medianWithout(probes, probeCount, p);
            if (!Double.isNaN(others) && t - others >= PROBE_RISE_C - EPSILON && held("p/" + rack.id() + "/" + module + "/" + p, ts)) {
                visible(ts, String.format(Locale.ROOT, "probe %s p%d %.1f C above the module's other probes", where(rack, module), p + 1, t - others));
            }
        }
    }

    /** One published env sample. */
    void env(String sensor, double voc, double co, double h2, double smoke, long ts) {
        double[] now = {voc, co, h2};
        double[] start = gasAtStart.computeIfAbsent(sensor, k -> now.clone());
        for (int g = 0; g < now.length; g++) {
            if (now[g] > GAS_FACTOR * start[g] + GAS_MARGIN_PPM + EPSILON) {
                visible(ts, String.format(Locale.ROOT, "%s %.1f ppm at %s (%.1f ppm at the start)", GASES[g], now[g], sensor, start[g]));
                return;
            }
        }
        if (smoke >= SMOKE_PCT_M - EPSILON) {
            visible(ts, String.format(Locale.ROOT, "smoke %.4f %%obs/m at %s", smoke, sensor));
        }
    }

    /** One published fire-panel event. */
    void panel(String panel, FireEventType type, long ts) {
        if (type != FireEventType.FAULT) {
            visible(ts, "fire panel " + panel + " " + type.wireName());
        }
    }

    /** Ends the step at {@code ts}: compares the racks, and forgets conditions that did not hold in it. */
    void endStep(Room room, long ts) {
        if (log.firstVisible == null && room.racks().size() > 1) {
            compareRacks(room, ts);
        }
        rackProbeCount.values().forEach(c -> c[0] = 0);
        heldSince.keySet().retainAll(heldNow);
        heldNow.clear();
    }

    private void compareRacks(Room room, long ts) {
        int racks = room.racks().size();
        double[] medians = new double[racks];
        for (int r = 0; r < racks; r++) {
            String id = room.racks().get(r).id();
            int[] count = rackProbeCount.get(id);
            medians[r] = count == null || count[0] == 0 ? Double.NaN : median(rackProbes.get(id), count[0]);
        }
        for (int r = 0; r < racks && log.firstVisible == null; r++) {
            double own = medians[r];
            double others = medianWithout(medians, racks, r);
            String rack = room.racks().get(r).id();
            if (!Double.isNaN(own) && !Double.isNaN(others) && own - others >= PROBE_RISE_C - EPSILON && held("r/" + rack, ts)) {
                visible(ts, String.format(Locale.ROOT, "rack %s/%s median probe %.1f C above the other racks", roomId, rack, own - others));
            }
        }
    }

    /** Notes that the condition {@code key} holds at {@code ts}; true once it has held for {@link #HOLD_MS}. */
    private boolean held(String key, long ts) {
        heldNow.add(key);
        return ts - heldSince.computeIfAbsent(key, k -> ts) >= HOLD_MS;
    }

    private void visible(long ts, String by) {
        log.visible(ts, by);
    }

    private String where(Rack rack, int module) {
        return roomId + "/" + rack.id() + "/" + rack.module(module);
    }

    /** The median of the first {@code n} values that are not NaN; NaN when there are none. */
    private double median(double[] values, int n) {
        return medianWithout(values, n, -1);
    }

    private double medianWithout(double[] values, int n, int skip) {
        if (scratch.length < n) {
            scratch = new double[n];
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (i != skip && !Double.isNaN(values[i])) {
                scratch[k++] = values[i];
            }
        }
        if (k == 0) {
            return Double.NaN;
        }
        Arrays.sort(scratch, 0, k);
        return k % 2 == 1 ? scratch[k / 2] : (scratch[k / 2 - 1] + scratch[k / 2]) / 2;
    }
}
