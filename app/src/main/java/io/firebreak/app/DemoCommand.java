package io.firebreak.app;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firebreak demo}: see {@link Demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Replays the Pangyo fire (pangyo-2022) through the whole pipeline on embedded Kafka and MQTT, "
                + "prints the timeline and the operator console's URL, and exits 0 only if traffic was drained before the power loss.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--speed", defaultValue = "10", description = "Replay speed, times real time (default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--seed", defaultValue = "1", description = "Simulator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--keep", arity = "0..1", fallbackValue = "10m", paramLabel = "DURATION",
            description = "After the timeline, keep the pipeline and the console up this long (default with the flag: 10m; "
                    + "e.g. 30s, 1h).")
    String keep;

    @Override
    public Integer call() throws Exception {
        Demo demo = new Demo(speed, seed, System.out);
        if (keep != null) {
            demo.keep(Durations.parse(keep, "--keep", Duration.ZERO));
        }
        return demo.run() ? 0 : 1;
    }
}
