package io.firebreak.app;

import io.firebreak.app.bench.DetectBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firebreak bench ...}: benchmarks that print figures and ratios and end with one key=value line. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks on real (embedded) brokers.",
        subcommands = {BenchCommand.Detect.class})
final class BenchCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("firebreak bench detect   (see --help of each)");
    }

    @Command(name = "detect", mixinStandardHelpOptions = true,
            description = "Detection topology throughput at N cells vs a plain consumer, alarm-to-decision latency, heap, state size.")
    static final class Detect implements Callable<Integer> {

        @Option(names = "--cells", defaultValue = "100000", description = "Cells in the site (default ${DEFAULT-VALUE}).")
        int cells;

        @Option(names = "--seconds", defaultValue = "60", description = "Simulated seconds of readings (default ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--alarms", defaultValue = "50", description = "Alarms timed for latency (default ${DEFAULT-VALUE}).")
        int alarms;

        @Override
        public Integer call() throws Exception {
            new DetectBenchmark(cells, seconds, alarms, System.out).run();
            return 0;
        }
    }
}
