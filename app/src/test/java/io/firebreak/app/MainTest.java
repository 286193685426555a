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
    void shouldPrintEveryThresholdWithItsDefaultAsYamlOrAsTheDocsTable() {
        Run yaml = run("thresholds");
        Run markdown = run("thresholds", "--markdown");

        assertThat(yaml.exit()).isZero();
        assertThat(yaml.out()).startsWith("detect:\n  thresholds:\n").contains("    hold_after: 10m\n", "    cell_max_v: chemistry\n");
        assertThat(markdown.out()).isEqualTo(io.firebreak.streams.ThresholdCatalog.markdown()).contains("| `smoke_fire` | 0.825 |");
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

    @Test
    void shouldPostATakeoverOfTheNamedDecisionToTheOperatorEndpoint() throws Exception {
        // Given an operator endpoint that records what it is sent and answers as alerting does
        java.util.List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/actions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            bodies.add(body);
            byte[] answer = ("{\"id\":\"op_1\",\"action\":\"takeover\",\"subject\":\"drn_9\",\"site\":\"pangyo-a\","
                    + "\"room\":\"B3-battery\",\"operator\":\"alice\",\"note\":null,\"at\":1}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            // When
            Run takeover = run("takeover", "drn_9", "--room", "B3-battery", "--endpoint", "http://127.0.0.1:" + server.getAddress().getPort());

            // Then
            assertThat(bodies).singleElement().satisfies(body -> assertThat(body).contains("\"action\":\"takeover\"", "\"subject\":\"drn_9\""));
            assertThat(takeover.exit()).as(takeover.err()).isZero();
        } finally {
            server.stop(0);
        }
    }
}
