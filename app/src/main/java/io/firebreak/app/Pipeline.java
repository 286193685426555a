package io.firebreak.app;

import io.firebreak.alerting.AlertingService;
import io.firebreak.dashboards.InfluxSink;
import io.firebreak.ingest.IngestService;
import io.firebreak.streams.DetectionService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Some or all of Firebreak's services in this process. Consumers start first and ingest last, so the
 * first reading finds its detectors ready; they stop in the reverse order.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /** The services a process can run; each scales out by starting more processes. */
    public enum Service { DETECT, ALERT, SINK, INGEST }

    private final List<AutoCloseable> running = new ArrayList<>();
    private DetectionService detection;

    private Pipeline() {
    }

    /** Starts {@code services} from {@code config}; SINK is skipped when no InfluxDB is configured. */
    public static Pipeline start(FirebreakConfig config, Set<Service> services) {
        Pipeline pipeline = new Pipeline();
        try {
            for (Service service : EnumSet.copyOf(services)) {
                pipeline.start(config, service);
            }
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    private void start(FirebreakConfig config, Service service) {
        switch (service) {
            case DETECT -> {
                detection = new DetectionService(config.detect());
                detection.start();
                running.add(detection);
            }
            case ALERT -> {
                AlertingService alerting = new AlertingService(config.alerting());
                alerting.start();
                running.add(alerting);
            }
            case SINK -> {
                if (config.sink() == null) {
                    LOG.info("event=sink_skipped reason=no_influx_configured");
                    return;
                }
                InfluxSink sink = new InfluxSink(config.sink());
                sink.start();
                running.add(sink);
            }
            case INGEST -> {
                IngestService ingest = new IngestService(config.ingest());
                ingest.start();
                running.add(ingest);
            }
            default -> throw new IllegalArgumentException("service: unknown " + service);
        }
        LOG.info("event=service_started service={}", service.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Waits until detection (when it runs here) is processing; false on timeout. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (detection != null && detection.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                LOG.warn("event=service_close_failed service={} reason={}", running.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        running.clear();
    }
}
