package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void shouldListEveryCommandInHelp() {
        Run help = run("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("demo", "up", "ingest", "detect", "alert", "sink", "simulate");
    }

    @Test
    void shouldRefuseToStartWithOneClearLineOnABadConfiguration() {
        Run up = run("up", "--config", "does-not-exist.yaml");

        assertThat(up.exit()).isEqualTo(2);
        assertThat(up.err().strip()).startsWith("firebreak: does-not-exist.yaml: cannot read");
    }

    @Test
    void shouldRejectAnImpossibleDemoSpeed() {
        Run demo = run("demo", "--speed", "0");

        assertThat(demo.exit()).isEqualTo(2);
        assertThat(demo.err()).contains("--speed: must be in (0, 1000], was 0");
    }
}
