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

    @Test
    void shouldListTheOperatorAndBenchmarkCommands() {
        assertThat(run("--help").out()).contains("ack", "approve", "veto", "release", "pending", "evaluate", "bench");
        assertThat(run("bench", "--help").out()).contains("detect", "ingest", "pipeline");
    }

    @Test
    void shouldRefuseAnOperatorActionWithNoEndpoint() {
        Run approve = run("approve", "drn_123");

        assertThat(approve.exit()).isEqualTo(2);
        assertThat(approve.err()).contains("--endpoint or --config: one of them is required");
    }

    @Test
    void shouldFailClearlyWhenTheOperatorEndpointIsDown() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        Run ack = run("ack", "alr_1", "--room", "B3-battery", "--endpoint", "http://127.0.0.1:" + port);

        assertThat(ack.exit()).isEqualTo(1);
    }
}
