package io.firebreak.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code firebreak} command. The only place that exits the JVM. */
@Command(name = "firebreak", mixinStandardHelpOptions = true, versionProvider = Main.BuildVersion.class,
        description = "Watches battery rooms and drains traffic before a lithium-ion fire takes the power away.",
        subcommands = {DemoCommand.class, UpCommand.class, ServiceCommands.Ingest.class, ServiceCommands.Detect.class,
                ServiceCommands.Alert.class, ServiceCommands.Sink.class, GatewayCommand.class, MqttAclCommand.class, ThresholdsCommand.class, SimulateCommand.class, ReplayCommand.class, EvaluateCommand.class, BenchCommand.class,
                OperatorCommands.Ack.class, OperatorCommands.Approve.class, OperatorCommands.Veto.class,
                OperatorCommands.Release.class, OperatorCommands.Takeover.class, OperatorCommands.Pending.class, OperatorCommands.Token.class,
                Main.Completion.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Firebreak's error handling: a bad configuration is one clear line, exit 2. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ConfigLoader.ConfigException || e instanceof IllegalArgumentException) {
                line.getErr().println("firebreak: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code --version}: the version Maven built the jar as, from the {@code pom.properties} Maven puts in
     * every jar, so it cannot drift from the pom. Classes run outside a jar (an IDE, a test) say so.
     */
    static final class BuildVersion implements CommandLine.IVersionProvider {

        static final String POM_PROPERTIES = "/META-INF/maven/io.firebreak/firebreak-app/pom.properties";

        @Override
        public String[] getVersion() {
            return new String[] {"firebreak " + version(), "Java " + System.getProperty("java.version")};
        }

        static String version() {
            try (InputStream in = Main.class.getResourceAsStream(POM_PROPERTIES)) {
                if (in == null) {
                    return "(not run from the built jar)";
                }
                Properties props = new Properties();
                props.load(in);
                return props.getProperty("version", "(no version in the jar)");
            } catch (IOException e) {
                return "(unreadable: " + e.getMessage() + ")";
            }
        }
    }

    /** {@code firebreak completion}: a bash completion script, e.g. {@code source <(./firebreak completion)}. */
    @Command(name = "completion", mixinStandardHelpOptions = true,
            description = "Prints a bash (and zsh) completion script: source <(firebreak completion)")
    static final class Completion implements Runnable {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().getOut().print(AutoComplete.bash("firebreak", spec.root().commandLine()));
            spec.commandLine().getOut().flush();
        }
    }
}
