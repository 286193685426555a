package io.firebreak.app;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firebreak up --config FILE}: every service in one process, against external brokers. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Runs ingest, detection, alerting and (when influx is configured) the InfluxDB sink in one process "
                + "against the MQTT broker, Kafka and InfluxDB named in the configuration file.")
class UpCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(UpCommand.class);

    @Option(names = "--config", required = true, description = "firebreak.yaml (see examples/firebreak.yaml).")
    Path config;

    Set<Pipeline.Service> services() {
        return EnumSet.allOf(Pipeline.Service.class);
    }

    /**
     * Runs until the process is asked to stop (exit 0) or a supervised service cannot recover (exit 1, so that
     * systemd, Kubernetes or compose start it afresh; {@code Main} is what exits).
     */
    @Override
    public Integer call() throws Exception {
        FirebreakConfig loaded = new ConfigLoader().load(config);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Pipeline pipeline = Pipeline.start(loaded, services(), why -> {
            LOG.error("event=exiting reason=\"{}\" exit_code=1", why);
            exit.complete(1);
        });
        Thread hook = new Thread(() -> {
            LOG.info("event=shutdown_requested");
            pipeline.close();
            exit.complete(0);
        }, "firebreak-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LOG.info("event=up services={} site={} time_mode={} management_port={}", services(), loaded.inventory().site(),
                loaded.detect().timeMode().wireName(), pipeline.managementPort());
        return exit.get();
    }
}
