package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EvaluateCommandTest {

    private static int run(StringWriter err, String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldOfferTheSoakOptionsBesideTheOriginalOnes() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));

        cli.execute("evaluate", "--help");

        assertThat(out.toString()).contains("--seeds", "--scenario", "--inventory", "--out", "--threads", "--benign-room-hours", "--only");
    }

    @Test
    void shouldOfferPlotsAndTheSensitivitySweep() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));

        cli.execute("evaluate", "--help");

        assertThat(out.toString()).contains("--plots=DIR", "--sensitivity", "--vary=KEY", "--step");
    }

    @Test
    void shouldRefuseVaryWithoutTheSensitivitySweepASweepOverOtherThresholdsAndPlotsThroughBrokers() {
        StringWriter err = new StringWriter();

        assertThat(run(err, "evaluate", "--vary", "voc_ppm", "--scenario", "healthy")).isEqualTo(2);
        assertThat(run(err, "evaluate", "--sensitivity", "--threshold", "voc_ppm=16", "--scenario", "healthy")).isEqualTo(2);
        assertThat(run(err, "evaluate", "--plots", "plots", "--through-brokers", "--scenario", "healthy")).isEqualTo(2);
        assertThat(err.toString()).contains("firebreak: --vary: only with --sensitivity", "firebreak: --plots: runs through the brokers are not drawn",
                "firebreak: --sensitivity: varies the default thresholds in process");
    }

    @Test
    void shouldRefuseAnUnknownSelection() {
        StringWriter err = new StringWriter();

        assertThat(run(err, "evaluate", "--only", "fires")).isEqualTo(2);
        assertThat(err.toString()).contains("firebreak: --only: must be all, fire or benign, was 'fires'");
    }

    @Test
    void shouldRefuseABenignSoakOfFireScenariosOnly() {
        StringWriter err = new StringWriter();

        assertThat(run(err, "evaluate", "--only", "fire", "--benign-room-hours", "10")).isEqualTo(2);
        assertThat(err.toString()).contains("--benign-room-hours: no benign scenario among those selected");
    }
}
