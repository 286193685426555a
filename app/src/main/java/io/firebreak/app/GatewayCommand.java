package io.firebreak.app;

import io.firebreak.gateway.Gateway;
import io.firebreak.gateway.GatewayConfig;
import io.firebreak.gateway.GatewayConfigLoader;
import io.firebreak.gateway.MetricsEndpoint;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firebreak gateway --config FILE}: the edge gateway of one battery room (see docs/gateway.md). */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Polls a battery room's Modbus TCP racks and SNMP UPSs and publishes per the wire contract over MQTT.")
final class GatewayCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayCommand.class);

    @Option(names = "--config", required = true, description = "gateway.yaml (example: gateway/examples/gateway.yaml; reference: docs/gateway.md).")
    Path config;

    /** Runs until the process is asked to stop; then says offline (retained) and disconnects. */
    @Override
    public Integer call() throws Exception {
        GatewayConfig loaded = new GatewayConfigLoader().load(config);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MetricsEndpoint metrics = loaded.metricsPort() > 0 ? MetricsEndpoint.start(loaded.metricsPort(), registry) : null;
        Gateway gateway = new Gateway(loaded, System::currentTimeMillis, registry).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("event=shutdown_requested");
            gateway.close();
            if (metrics != null) {
                metrics.close();
            }
            stopped.countDown();
        }, "firebreak-gateway-shutdown"));
        stopped.await();
        return 0;
    }
}
