package io.firebreak.app.evaluate;

import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.EnvSample;
import io.firebreak.telemetry.contract.Reading;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What one room's sensors showed over a run, sampled every {@code stepMs} of event time, for a plot: the
 * hottest and the median probe and the lowest cell voltage over every module of the room (each at its
 * latest sample), and the highest off-gas and smoke over the room's sensors. Fed the run's valid readings
 * in order; other rooms' readings are ignored.
 */
final class RunTrace implements Consumer<Reading> {

    /** The series a trace holds, in plot order. */
    static final List<String> SERIES = List.of(Series.HOTTEST, Series.MEDIAN, Series.CELL_V_MIN, Series.VOC, Series.CO, Series.H2,
            Series.SMOKE);

    /** Series names, as the plot's legend shows them. */
    static final class Series {
        static final String HOTTEST = "hottest probe";
        static final String MEDIAN = "median probe";
        static final String CELL_V_MIN = "lowest cell";
        static final String VOC = "VOC";
        static final String CO = "CO";
        static final String H2 = "H2";
        static final String SMOKE = "smoke";

        private Series() {
        }
    }

    private final String room;
    private final long start;
    private final long stepMs;
    private final Map<String, List<Double>> probes = new HashMap<>();
    private final Map<String, Double> lowestCell = new HashMap<>();
    private final Map<String, EnvSample> env = new HashMap<>();
    private final List<Double> minutes = new ArrayList<>();
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private long nextSample;

    RunTrace(String room, long start, long stepMs) {
        if (stepMs <= 0) {
            throw new IllegalArgumentException("stepMs: must be > 0, was " + stepMs);
        }
        this.room = room;
        this.start = start;
        this.stepMs = stepMs;
        this.nextSample = start;
        SERIES.forEach(name -> values.put(name, new ArrayList<>()));
    }

    String room() {
        return room;
    }

    @Override
    public void accept(Reading reading) {
        if (!reading.source().room().equals(room)) {
            return;
        }
        // a sample is the room as it stood just before the first reading past the sample time
        while (reading.ts() >= nextSample) {
            sample();
            nextSample += stepMs;
        }
        String device = reading.source().rack() + "/" + reading.source().device();
        if (reading.measurement() instanceof BmsSample bms) {
            probes.put(device, bms.cellT().stream().filter(t -> t != null).toList());
            lowestCell.put(device, bms.cellV().stream().filter(v -> v != null).mapToDouble(Double::doubleValue).min().orElse(Double.NaN));
        } else if (reading.measurement() instanceof EnvSample sample) {
            env.put(device, sample);
        }
    }

    private void sample() {
        if (probes.isEmpty() && env.isEmpty()) {
            return;
        }
        double[] temps = probes.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).sorted().toArray();
        minutes.add((nextSample - start) / 60_000.0);
        values.get(Series.HOTTEST).add(temps.length == 0 ? null : temps[temps.length - 1]);
        values.get(Series.MEDIAN).add(temps.length == 0 ? null : temps[(temps.length - 1) / 2]);
        values.get(Series.CELL_V_MIN).add(lowestCell.values().stream().filter(v -> !v.isNaN()).min(Double::compare).orElse(null));
        values.get(Series.VOC).add(highest(EnvSample::vocPpm));
        values.get(Series.CO).add(highest(EnvSample::coPpm));
        values.get(Series.H2).add(highest(EnvSample::h2Ppm));
        values.get(Series.SMOKE).add(highest(EnvSample::smokePctM));
    }

    private Double highest(java.util.function.Function<EnvSample, Double> quantity) {
        return env.values().stream().map(quantity).filter(v -> v != null).max(Double::compare).orElse(null);
    }

    /** Sample times, minutes from the run's start. */
    List<Double> minutes() {
        return List.copyOf(minutes);
    }

    /** One series' values at {@link #minutes()}; null where nothing was known yet. */
    List<Double> values(String series) {
        List<Double> list = values.get(series);
        if (list == null) {
            throw new IllegalArgumentException("series: unknown '" + series + "'; known: " + SERIES);
        }
        return java.util.Collections.unmodifiableList(list);
    }

    @Override
    public String toString() {
        return "RunTrace[room=" + room + ", samples=" + minutes.size() + ", series=" + Arrays.toString(SERIES.toArray()) + "]";
    }
}
