package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code firebreak --version} names the build, {@code firebreak completion} prints a bash completion script. */
class VersionAndCompletionTest {

    private static String run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute(args)).as("exit of %s", String.join(" ", args)).isZero();
        return out.toString();
    }

    @Test
    void shouldPrintFirebreakAndJavaVersionWhenAskedForVersion() {
        String version = run("--version");

        // outside the jar (tests run from target/classes) the version says so instead of inventing one
        assertThat(version).startsWith("firebreak ").contains("Java " + System.getProperty("java.version"));
        assertThat(Main.BuildVersion.version()).isNotBlank();
    }

    @Test
    void shouldPrintBashCompletionForEveryCommandWhenCompletionRuns() {
        String script = run("completion");

        assertThat(script).contains("complete -F", "firebreak").contains("demo", "up", "approve", "completion");
    }
}
