package io.firebreak.app.gateway;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firebreak bench gateway}: the gateway polling N simulated Modbus modules spread over in-JVM servers. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "The gateway polling N simulated rack modules (generic-rack map, 8 modules per rack controller) spread "
                + "over several in-JVM Modbus TCP servers and publishing to Mosquitto: polls/s, achieved cadence, CPU per 1,000 modules.")
public final class GatewayBenchCommand implements Callable<Integer> {

    @Option(names = "--modules", defaultValue = "7144", description = "Modules polled (default ${DEFAULT-VALUE}: the 100,000-cell site).")
    int modules;

    @Option(names = "--servers", defaultValue = "8", description = "Modbus TCP servers the racks are spread over (default ${DEFAULT-VALUE}).")
    int servers;

    @Option(names = "--seconds", defaultValue = "30", description = "Seconds of polling measured (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--period-ms", defaultValue = "1000", description = "Polling period of every rack in ms (default ${DEFAULT-VALUE}).")
    int periodMs;

    @Option(names = "--threads", defaultValue = "4", description = "Gateway poll threads (poll_threads; default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        new GatewayBenchmark(modules, servers, seconds, periodMs, threads, System.out).run();
        return 0;
    }
}
