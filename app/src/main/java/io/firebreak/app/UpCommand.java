package io.firebreak.app;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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

    @Override
    public Integer call() throws Exception {
        FirebreakConfig loaded = new ConfigLoader().load(config);
        CountDownLatch stop = new CountDownLatch(1);
        Pipeline pipeline = Pipeline.start(loaded, services());
        Thread hook = new Thread(() -> {
            LOG.info("event=shutdown_requested");
            pipeline.close();
            stop.countDown();
        }, "firebreak-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LOG.info("event=up services={} site={} time_mode={}", services(), loaded.inventory().site(),
                loaded.detect().timeMode().wireName());
        stop.await();
        return 0;
    }
}
