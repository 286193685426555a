package io.firebreak.app.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.simulators.GroundTruth;
import io.firebreak.simulators.Scenario;
import io.firebreak.simulators.SiteSimulator;
import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.EnvSample;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.inventory.InventoryLoader;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class RunPlotTest {

    private static final SiteInventory SITE = new InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");
    private static final long START = 1_000_000L;

    @TempDir
    Path dir;

    private static Reading bms(String room, long at, double hottest, double lowestV) {
        return new Reading(DeviceAddress.bms("s", room, "3E-1", "M04"), START + at, null, START + at, false,
                new BmsSample(List.of(3.3, lowestV), List.of(25.0, hottest), 1.0, 0.9));
    }

    private static Reading gas(String room, long at, double voc) {
        return new Reading(DeviceAddress.of("s", room, DeviceKind.ENV, "asd-1"), START + at, null, START + at, false,
                new EnvSample(24.0, 40.0, 0.0, 1.0, voc, 0.004));
    }

    @Test
    void shouldTraceTheRoomsHottestProbeLowestCellAndGasAtEachStep() {
        // Given a room whose probe warms and whose VOC rises, and another room that is ignored
        RunTrace trace = new RunTrace("B3", START, 10_000);
        trace.accept(bms("B3", 0, 25.5, 3.30));
        trace.accept(gas("B3", 0, 0.2));
        trace.accept(bms("B2", 5_000, 99.0, 0.0));
        trace.accept(bms("B3", 10_000, 40.0, 3.10));
        trace.accept(gas("B3", 10_000, 30.0));
        trace.accept(bms("B3", 20_000, 41.0, 3.00));

        // Then each sample is the room as it stood at the step, before the readings of that instant
        assertThat(trace.minutes()).containsExactly(10_000 / 60_000.0, 20_000 / 60_000.0);
        assertThat(trace.values(RunTrace.Series.HOTTEST)).containsExactly(25.5, 40.0);
        assertThat(trace.values(RunTrace.Series.CELL_V_MIN)).containsExactly(3.30, 3.10);
        assertThat(trace.values(RunTrace.Series.VOC)).containsExactly(0.2, 30.0);
    }

    @Test
    void shouldDrawTheSignalsWithTheGroundTruthsMomentsAndTheDrain() {
        // Given a traced fire with onset at 1:00, vent at 2:00, runaway at 3:00, power loss at 4:00 and a drain at 2:30
        RunTrace trace = new RunTrace("B3", START, 10_000);
        for (long at = 0; at <= 240_000; at += 10_000) {
            trace.accept(bms("B3", at, 25 + at / 10_000.0, 3.3));
            trace.accept(gas("B3", at, at / 10_000.0));
        }
        GroundTruth truth = new GroundTruth("fire", "B3", START + 60_000, START + 180_000, START + 240_000, START + 300_000, true,
                START + 240_000, START + 120_000, START + 180_000, START + 190_000, "drain before power loss");
        DrainDecision drain = new DrainDecision("drn_1", DrainDecision.REQUESTED, "s", "B3", List.of("h"), List.of("t"),
                RiskLevel.CRITICAL, "r", List.of(), START + 150_000);

        List<XYChart> charts = RunPlot.charts(trace, truth, START, List.of(), List.of(drain), "fire");

        // Then four panels: probes, cell voltage, off-gas, smoke; each marks the moments, the drain at 2:30
        assertThat(charts).hasSize(4);
        assertThat(charts.get(0).getSeriesMap()).containsKeys("hottest probe", "median probe", "fault onset", "first vent", "runaway",
                "power loss", "drain decided");
        assertThat(charts.get(1).getSeriesMap()).containsKey("lowest cell");
        assertThat(charts.get(2).getSeriesMap()).containsKeys("VOC", "CO", "H2");
        assertThat(charts.get(3).getSeriesMap()).containsKeys("smoke", "drain decided");
        assertThat(charts.get(0).getSeriesMap().get("drain decided").getXData()).containsExactly(2.5, 2.5);
        assertThat(charts.get(0).getSeriesMap()).doesNotContainKey("first warning");
    }

    @Test
    void shouldWriteANonEmptyPngForEveryRunWhenAskedForPlots() throws Exception {
        // Given a one-minute quiet run evaluated with plots
        Evaluator evaluator = new Evaluator(SITE, List.of(new Quiet("quiet", 60_000)), 1, 1, 0, dir)
                .plotsTo(dir.resolve("plots"));

        evaluator.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), dir.resolve("evaluation.md"));

        // Then the run's PNG is there, four panels high
        Path png = dir.resolve("plots/quiet-seed1.png");
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(10_000);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(960);
        assertThat(image.getHeight()).isEqualTo(4 * 210);
    }

    /** A site where nothing happens, for a given time. */
    private record Quiet(String name, long durationMs) implements Scenario {

        @Override
        public String summary() {
            return "nothing happens; expect: no drain";
        }

        @Override
        public GroundTruth groundTruth(SiteInventory site, long start) {
            return new GroundTruth(name, null, null, null, null, null, false, null);
        }

        @Override
        public void apply(SiteSimulator simulator, long elapsedMs) {
            // quiet
        }
    }
}
