package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GatewayCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseToStartWithOneLineNamingTheFileAndKeyWhenTheGatewayConfigIsBad() throws Exception {
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, String.join("\n",
                "site: pangyo-a", "room: B3-battery", "gateway: gw-b3",
                "mqtt:", "  server_uri: tcp://127.0.0.1:1883",
                "modbus:", "  - host: 10.0.0.5", "    map: builtin:generic-rack", "    rack: 3E-1", "    port: 70000", ""));

        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("gateway", "--config", config.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("firebreak: " + config + ": modbus[0].port: must be between 1 and 65535, was 70000");
    }

    @Test
    void shouldListTheGatewayAndItsBenchmark() {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.execute("--help");
        assertThat(out.toString()).contains("gateway");
        StringWriter bench = new StringWriter();
        cli.setOut(new PrintWriter(bench));
        cli.execute("bench", "--help");
        assertThat(bench.toString()).contains("gateway");
    }
}
