package io.firebreak.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code firebreak} command. The only place that exits the JVM. */
@Command(name = "firebreak", mixinStandardHelpOptions = true, version = "firebreak 0.1.0",
        description = "Watches battery rooms and drains traffic before a lithium-ion fire takes the power away.",
        subcommands = {DemoCommand.class, UpCommand.class, ServiceCommands.Ingest.class, ServiceCommands.Detect.class,
                ServiceCommands.Alert.class, ServiceCommands.Sink.class, GatewayCommand.class, MqttAclCommand.class, SimulateCommand.class, ReplayCommand.class, EvaluateCommand.class, BenchCommand.class,
                OperatorCommands.Ack.class, OperatorCommands.Approve.class, OperatorCommands.Veto.class,
                OperatorCommands.Release.class, OperatorCommands.Takeover.class, OperatorCommands.Pending.class, OperatorCommands.Token.class,
                CommandLine.HelpCommand.class})
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
}
