package io.firebreak.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firebreak demo}: see {@link Demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Replays the Pangyo fire (pangyo-2022) through the whole pipeline on embedded Kafka and MQTT, "
                + "prints the timeline, and exits 0 only if traffic was drained before the power loss.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--speed", defaultValue = "10", description = "Replay speed, times real time (default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--seed", defaultValue = "1", description = "Simulator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        return new Demo(speed, seed, System.out).run() ? 0 : 1;
    }
}
