package io.firebreak.app;

import io.firebreak.app.ops.KafkaClientMeters;
import io.firebreak.app.ops.ManagedServices;
import io.firebreak.app.ops.ManagementSettings;
import io.firebreak.app.ops.Supervisor;
import io.firebreak.ingest.MetricsServer;
import io.firebreak.streams.DetectionService;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Some or all of Firebreak's services in this process, each supervised ({@link Supervisor}): a service
 * whose loop ends is replaced with backoff, and one that cannot recover within
 * {@code management.give_up_after} is reported to the {@code fatal} callback (the launcher exits non-zero).
 * One management port per process serves {@code /healthz}, {@code /readyz} and {@code /metrics} for all of
 * them, JVM and Kafka client metrics included. Consumers start first and ingest last, so the first reading
 * finds its detectors ready; they stop in the reverse order.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /** The services a process can run; each scales out by starting more processes. */
    public enum Service { DETECT, ALERT, SINK, INGEST }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KafkaClientMeters kafkaMeters = new KafkaClientMeters();
    private final AtomicReference<DetectionService> detection = new AtomicReference<>();
    private final Supervisor supervisor;
    private final ScheduledExecutorService meterRefresh = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "firebreak-meters");
        t.setDaemon(true);
        return t;
    });
    private MetricsServer management;
    private boolean detects;

    private Pipeline(ManagementSettings settings, Consumer<String> fatal) {
        this.supervisor = new Supervisor(Supervisor.Policy.of(settings.giveUpAfter()), fatal, registry, Clock.systemUTC());
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Starts {@code services} from {@code config}; a service that cannot recover is only logged. */
    public static Pipeline start(FirebreakConfig config, Set<Service> services) {
        return start(config, services, why -> LOG.error("event=pipeline_unrecoverable reason=\"{}\"", why));
    }

    /**
     * Starts {@code services} from {@code config} (SINK is skipped when no InfluxDB is configured) and the
     * management port when one is configured; {@code fatal} hears, once, of a service that could not recover.
     */
    public static Pipeline start(FirebreakConfig config, Set<Service> services, Consumer<String> fatal) {
        Pipeline pipeline = new Pipeline(config.management(), fatal);
        try {
            for (Service service : EnumSet.copyOf(services)) {
                pipeline.start(config, service);
            }
            pipeline.serveManagement(config.management());
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    private void start(FirebreakConfig config, Service service) {
        String name = service.name().toLowerCase(Locale.ROOT);
        switch (service) {
            case DETECT -> {
                supervisor.supervise(name, ManagedServices.detection(config.detect(), registry, detection));
                detects = true;
            }
            case ALERT -> supervisor.supervise(name, ManagedServices.alerting(config.alerting(), registry,
                    config.management().heartbeat()));
            case SINK -> {
                if (config.sink() == null) {
                    LOG.info("event=sink_skipped reason=no_influx_configured");
                    return;
                }
                supervisor.supervise(name, ManagedServices.sink(config.sink(), registry, config.detect().applicationIds()));
            }
            case INGEST -> supervisor.supervise(name, ManagedServices.ingest(config.ingest(), registry, Clock.systemUTC()));
            default -> throw new IllegalArgumentException("service: unknown " + service);
        }
        LOG.info("event=service_started service={}", name);
    }

    private void serveManagement(ManagementSettings settings) {
        kafkaMeters.refresh(registry);
        // Kafka clients come and go with restarts and rebalances: their meters follow within seconds
        meterRefresh.scheduleWithFixedDelay(this::refreshMeters, 5, 5, TimeUnit.SECONDS);
        if (settings.port() == 0) {
            return;
        }
        management = MetricsServer.start(new InetSocketAddress(settings.host(), settings.port()), registry,
                supervisor::problems, supervisor::notReady);
        LOG.info("event=management_started address={}:{} paths=/healthz,/readyz,/metrics", settings.host(), management.port());
    }

    private void refreshMeters() {
        try {
            kafkaMeters.refresh(registry);
        } catch (RuntimeException e) {
            LOG.warn("event=kafka_meters_refresh_failed error=\"{}\"", e.getMessage());
        }
    }

    /** The port the management endpoint listens on; 0 when there is none. */
    public int managementPort() {
        return management == null ? 0 : management.port();
    }

    /** The process's meters, as {@code GET /metrics} shows them. */
    public PrometheusMeterRegistry registry() {
        kafkaMeters.refresh(registry);
        return registry;
    }

    /** What is not running (empty when all is well), as {@code GET /healthz} says. */
    public List<String> problems() {
        return supervisor.problems();
    }

    /** Waits until detection (when it runs here) is processing; false on timeout. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (detects && (detection.get() == null || detection.get().state() != KafkaStreams.State.RUNNING)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    @Override
    public void close() {
        meterRefresh.shutdownNow();
        if (management != null) {
            management.close();
            management = null;
        }
        supervisor.close();
    }
}
