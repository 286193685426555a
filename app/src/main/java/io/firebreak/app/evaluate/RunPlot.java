package io.firebreak.app.evaluate;

import io.firebreak.simulators.GroundTruth;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.RiskLevel;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One evaluated run as a PNG (XChart): four panels over event time (probe temperatures, the lowest cell
 * voltage, off-gas on a log scale, smoke), each with the ground truth's moments (fault onset, first vent,
 * runaway, power loss) as grey lines and detection's first warning, first critical alert and drain as
 * coloured ones, so a reader sees what the sensors showed when detection acted.
 */
final class RunPlot {

    static final String FAULT_ONSET = "fault onset";
    static final String FIRST_VENT = "first vent";
    static final String RUNAWAY = "runaway";
    static final String POWER_LOSS = "power loss";
    static final String WARNING = "first warning";
    static final String CRITICAL = "first critical";
    static final String DRAIN = "drain decided";

    private static final int WIDTH = 960;
    private static final int PANEL_HEIGHT = 210;
    /** Off-gas is drawn on a log scale: readings of 0 ppm sit on this floor. */
    private static final double GAS_FLOOR_PPM = 0.1;

    private RunPlot() {
    }

    /** The four panels of {@code trace}'s run, marked with {@code truth}'s moments and what detection did in the room. */
    static List<XYChart> charts(RunTrace trace, GroundTruth truth, long start, List<Alert> alerts, List<DrainDecision> decisions,
                                String title) {
        Map<String, Double> moments = moments(trace.room(), truth, start, alerts, decisions);
        List<XYChart> charts = new ArrayList<>();
        charts.add(panel(title, "probe C", "0.#", trace, List.of(RunTrace.Series.HOTTEST, RunTrace.Series.MEDIAN), v -> v, moments,
                false));
        charts.add(panel(null, "cell V", "0.00#", trace, List.of(RunTrace.Series.CELL_V_MIN), v -> v, moments, false));
        charts.add(panel(null, "off-gas ppm", "0.#", trace, List.of(RunTrace.Series.VOC, RunTrace.Series.CO, RunTrace.Series.H2),
                v -> Math.max(v, GAS_FLOOR_PPM), moments, true));
        XYChart smoke = panel(null, "smoke %obs/m", "0.00#", trace, List.of(RunTrace.Series.SMOKE), v -> v, moments, false);
        smoke.setXAxisTitle("minutes from the scenario's start");
        charts.add(smoke);
        return charts;
    }

    /** Writes {@code charts} one above the other into {@code file} as a PNG. */
    static void write(List<XYChart> charts, Path file) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, PANEL_HEIGHT * charts.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            for (int i = 0; i < charts.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), 0, i * PANEL_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }

    /** Minutes from the start of each moment that happened, ground truth first, then detection in {@code room}. */
    static Map<String, Double> moments(String room, GroundTruth truth, long start, List<Alert> alerts, List<DrainDecision> decisions) {
        Map<String, Double> at = new LinkedHashMap<>();
        put(at, FAULT_ONSET, truth.faultOnset(), start);
        put(at, FIRST_VENT, truth.firstVent(), start);
        put(at, RUNAWAY, truth.runaway(), start);
        put(at, POWER_LOSS, truth.powerLoss(), start);
        put(at, WARNING, first(alerts, room, RiskLevel.WARNING), start);
        put(at, CRITICAL, first(alerts, room, RiskLevel.CRITICAL), start);
        put(at, DRAIN, decisions.stream().filter(d -> d.room().equals(room)).map(DrainDecision::detectedAt).min(Long::compare)
                .orElse(null), start);
        return at;
    }

    private static Long first(List<Alert> alerts, String room, RiskLevel level) {
        return alerts.stream().filter(a -> a.room().equals(room) && a.level() == level).map(Alert::detectedAt).min(Long::compare)
                .orElse(null);
    }

    private static void put(Map<String, Double> at, String name, Long ts, long start) {
        if (ts != null) {
            at.put(name, (ts - start) / 60_000.0);
        }
    }

    private static XYChart panel(String title, String unit, String yPattern, RunTrace trace, List<String> series,
                                 DoubleUnaryOperator shown, Map<String, Double> moments, boolean log) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(Objects.requireNonNullElse(title, ""))
                .xAxisTitle("").yAxisTitle(unit).build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartTitleVisible(title != null);
        styler.setPlotGridLinesVisible(true);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setYAxisLogarithmic(log);
        styler.setYAxisDecimalPattern(yPattern);
        styler.setXAxisDecimalPattern("0.#");
        styler.setXAxisMin(0.0);
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        for (String name : series) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> minutes = trace.minutes();
            List<Double> values = trace.values(name);
            for (int i = 0; i < minutes.size(); i++) {
                if (values.get(i) != null) {
                    x.add(minutes.get(i));
                    y.add(shown.applyAsDouble(values.get(i)));
                }
            }
            if (x.isEmpty()) {
                // XChart refuses an empty series: one point at the floor keeps the legend honest
                x.add(0.0);
                y.add(shown.applyAsDouble(0));
            }
            XYSeries line = chart.addSeries(name, x, y);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineWidth(1.5f);
            low = Math.min(low, y.stream().mapToDouble(Double::doubleValue).min().orElse(0));
            high = Math.max(high, y.stream().mapToDouble(Double::doubleValue).max().orElse(1));
        }
        if (!(high > low)) {
            high = low + 1;
        }
        for (Map.Entry<String, Double> moment : moments.entrySet()) {
            XYSeries line = chart.addSeries(moment.getKey(), List.of(moment.getValue(), moment.getValue()), List.of(low, high));
            line.setMarker(SeriesMarkers.NONE);
            style(line, moment.getKey());
        }
        return chart;
    }

    private static void style(XYSeries line, String moment) {
        switch (moment) {
            case WARNING -> color(line, new Color(230, 160, 0), SeriesLines.SOLID, 1.5f);
            case CRITICAL -> color(line, new Color(230, 90, 0), SeriesLines.SOLID, 1.5f);
            case DRAIN -> color(line, new Color(200, 0, 0), SeriesLines.SOLID, 3f);
            case RUNAWAY -> color(line, Color.BLACK, SeriesLines.DASH_DASH, 1.5f);
            case POWER_LOSS -> color(line, Color.BLACK, SeriesLines.SOLID, 2.5f);
            default -> color(line, Color.GRAY, SeriesLines.DASH_DASH, 1f);
        }
    }

    private static void color(XYSeries line, Color color, BasicStroke stroke, float width) {
        line.setLineColor(color);
        line.setLineStyle(stroke);
        line.setLineWidth(width);
    }
}
