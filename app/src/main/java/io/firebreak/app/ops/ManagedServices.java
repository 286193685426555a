package io.firebreak.app.ops;

import io.firebreak.alerting.AlertingConfig;
import io.firebreak.alerting.AlertingCounters;
import io.firebreak.alerting.AlertingService;
import io.firebreak.alerting.Counters;
import io.firebreak.dashboards.InfluxSink;
import io.firebreak.dashboards.SinkConfig;
import io.firebreak.dashboards.SinkStats;
import io.firebreak.ingest.IngestConfig;
import io.firebreak.ingest.IngestService;
import io.firebreak.streams.DetectionConfig;
import io.firebreak.streams.DetectionService;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Each Firebreak service as a {@link Managed} for the {@link Supervisor}, with its meters. The meters are
 * registered once per process and read whichever instance runs now, so a restart keeps its series.
 * Detection is watched from outside through its Kafka Streams state (the streams module sets its own
 * listener and exception handler): ERROR or NOT_RUNNING is a failed service.
 */
public final class ManagedServices {

    /** How long ingest may stay disconnected from MQTT (the client reconnecting by itself) before it is replaced. */
    static final Duration INGEST_DISCONNECTED_LIMIT = Duration.ofMinutes(2);

    private static final Set<KafkaStreams.State> DEAD =
            EnumSet.of(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.NOT_RUNNING);

    private ManagedServices() {
    }

    /**
     * Alerting: alive while its delivery loop and operator feed run; ready once it has caught up with its topics.
     * With a non-zero {@code heartbeat} it beats through the pager path that often.
     */
    public static Supplier<Managed> alerting(AlertingConfig config, MeterRegistry registry, Duration heartbeat) {
        AtomicReference<AlertingService> live = new AtomicReference<>();
        if (!heartbeat.isZero()) {
            Gauge.builder("firebreak.heartbeat.last.accepted.timestamp.seconds", live,
                            l -> l.get() == null ? 0 : l.get().heartbeatLastAccepted() / 1000.0)
                    .description("wall clock of the last heartbeat the pager accepted; 0 before the first").register(registry);
            Gauge.builder("firebreak.heartbeat.interval.seconds", heartbeat, h -> h.toMillis() / 1000.0)
                    .description("how often the heartbeat goes to the pager").strongReference(true).register(registry);
        }
        counter(registry, "firebreak.alerting.delivered", "webhooks a drain target accepted", live, AlertingCounters::delivered);
        counter(registry, "firebreak.alerting.budgets.spent", "retry budgets a webhook spent (each paged; attempts go on)",
                live, AlertingCounters::failed);
        counter(registry, "firebreak.alerting.paged", "pager events the pager accepted", live, AlertingCounters::paged);
        counter(registry, "firebreak.alerting.page.budgets.spent", "retry budgets a page spent (attempts go on)", live,
                AlertingCounters::pageFailures);
        counter(registry, "firebreak.alerting.unreadable", "decision and alert records that could not be read", live,
                AlertingCounters::unreadable);
        counter(registry, "firebreak.alerting.undelivered", "times a drain and the page about it both kept failing", live,
                AlertingCounters::undelivered);
        counter(registry, "firebreak.alerting.taken.over", "drains a person took over before any target accepted", live,
                AlertingCounters::takenOver);
        Gauge.builder("firebreak.alerting.in.flight", live, l -> l.get() == null ? 0 : l.get().inFlight())
                .description("decision and alert records whose deliveries are not all done (still retried)").register(registry);
        Gauge.builder("firebreak.alerting.undelivered.drains", live, l -> l.get() == null ? 0 : l.get().pending().undelivered().size())
                .description("drains no target has accepted yet").register(registry);
        FunctionTimer.builder("firebreak.alerting.delivery", live,
                        l -> l.get() == null ? 0 : l.get().liveCounters().deliveryCount(),
                        l -> l.get() == null ? 0 : l.get().liveCounters().deliveryMillisTotal(), TimeUnit.MILLISECONDS)
                .description("time from reading a decision to a target's 2xx, retries included").register(registry);
        Gauge.builder("firebreak.alerting.delivery.max.seconds", live,
                        l -> l.get() == null ? 0 : l.get().liveCounters().deliveryMillisMax() / 1000.0)
                .description("the longest time from reading a decision to a target's 2xx since start").register(registry);
        Set<Counters.Attempts> published = new HashSet<>();
        return () -> new Managed() {
            private final AlertingService service = new AlertingService(config).withHeartbeat(heartbeat);

            @Override
            public void start() {
                service.start();
                live.set(service);
            }

            @Override
            public boolean alive() {
                return service.running() && service.operatorFeedRunning();
            }

            @Override
            public String notReady() {
                return service.caughtUp() ? null : "catching up with decisions and alerts";
            }

            @Override
            public void publish(MeterRegistry meters) {
                for (Counters.Attempts key : service.liveCounters().attempts().keySet()) {
                    if (published.add(key)) {
                        FunctionCounter.builder("firebreak.alerting.attempts", live,
                                        l -> l.get() == null ? 0 : l.get().liveCounters().attempts().getOrDefault(key, 0L))
                                .description("delivery attempts by kind, target and outcome")
                                .tags("kind", key.kind(), "target", key.target(), "outcome", key.outcome()).register(meters);
                    }
                }
            }

            @Override
            public void close() {
                service.close();
            }
        };
    }

    /** Detection: alive unless Kafka Streams is in ERROR or NOT_RUNNING; ready while RUNNING. */
    public static Supplier<Managed> detection(DetectionConfig config, MeterRegistry registry, AtomicReference<DetectionService> live) {
        Gauge.builder("firebreak.detect.running", live, l -> l.get() != null && l.get().state() == KafkaStreams.State.RUNNING ? 1 : 0)
                .description("1 while Kafka Streams is RUNNING (not rebalancing, not failed)").register(registry);
        return () -> new Managed() {
            private final DetectionService service = new DetectionService(config);

            @Override
            public void start() {
                service.start();
                live.set(service);
            }

            @Override
            public boolean alive() {
                return !DEAD.contains(service.state());
            }

            @Override
            public String notReady() {
                KafkaStreams.State state = service.state();
                return state == KafkaStreams.State.RUNNING ? null : "kafka streams " + state;
            }

            @Override
            public void close() {
                service.close();
            }
        };
    }

    /** The InfluxDB sink watching detection's default group (see the three-argument form). */
    public static Supplier<Managed> sink(SinkConfig config, MeterRegistry registry) {
        return sink(config, registry, null);
    }

    /**
     * The InfluxDB sink: alive until its loop failed or stopped; ready while InfluxDB takes its writes. It watches
     * detection's Kafka groups {@code detectApplicationIds} (null: the default) for the "Firebreak alive" panels.
     */
    public static Supplier<Managed> sink(SinkConfig config, MeterRegistry registry, List<String> detectApplicationIds) {
        AtomicReference<InfluxSink> live = new AtomicReference<>();
        sinkCounter(registry, "firebreak.sink.points.written", "points InfluxDB accepted", live, SinkStats::pointsWritten);
        sinkCounter(registry, "firebreak.sink.batches", "batches written", live, SinkStats::batches);
        sinkCounter(registry, "firebreak.sink.write.failures", "writes that failed and were retried", live, SinkStats::writeFailures);
        sinkCounter(registry, "firebreak.sink.rejected.batches", "batches InfluxDB refused as bad data", live,
                SinkStats::rejectedBatches);
        sinkCounter(registry, "firebreak.sink.records.skipped", "records that gave no point", live, SinkStats::recordsSkipped);
        return () -> new Managed() {
            private final InfluxSink sink = detectApplicationIds == null ? new InfluxSink(config)
                    : new InfluxSink(config).watchingDetection(detectApplicationIds);

            @Override
            public void start() {
                sink.start();
                live.set(sink);
            }

            @Override
            public boolean alive() {
                InfluxSink.State state = sink.state();
                return state != InfluxSink.State.FAILED && state != InfluxSink.State.STOPPED;
            }

            @Override
            public String notReady() {
                return sink.state() == InfluxSink.State.RUNNING ? null : "influxdb " + sink.state().name().toLowerCase();
            }

            @Override
            public void close() {
                sink.close();
            }
        };
    }

    /** Messages in flight with none finished for this long make ingest not ready (a hung forwarder). */
    static final Duration INGEST_STALL_LIMIT = Duration.ofSeconds(60);

    /**
     * Ingest, its meters in the process registry: alive while its MQTT session is connected or reconnecting for
     * less than {@link #INGEST_DISCONNECTED_LIMIT}; ready while connected.
     */
    public static Supplier<Managed> ingest(IngestConfig config, PrometheusMeterRegistry registry, Clock clock) {
        return () -> new Managed() {
            private final IngestService service = new IngestService(config.withMetricsPort(0), clock, registry);
            private volatile long disconnectedSince = -1;

            @Override
            public void start() {
                service.start();
            }

            @Override
            public boolean alive() {
                if (service.isConnected()) {
                    disconnectedSince = -1;
                    return true;
                }
                long now = clock.millis();
                if (disconnectedSince < 0) {
                    disconnectedSince = now;
                }
                return now - disconnectedSince < INGEST_DISCONNECTED_LIMIT.toMillis();
            }

            @Override
            public String notReady() {
                if (!service.isConnected()) {
                    return "mqtt not connected";
                }
                Duration stalled = service.stalledFor();
                // a forwarder that takes nothing for this long is hung (or Kafka takes nothing): not ready, and said
                return stalled.compareTo(INGEST_STALL_LIMIT) < 0 ? null
                        : "ingest stalled: messages in flight and none forwarded for " + stalled.toSeconds() + " s";
            }

            @Override
            public void close() {
                service.close();
                // the next instance registers its own meters
                registry.getMeters().stream().filter(m -> m.getId().getName().startsWith("firebreak.ingest"))
                        .toList().forEach(registry::remove);
            }
        };
    }

    private static void counter(MeterRegistry registry, String name, String description, AtomicReference<AlertingService> live,
                                ToDoubleFunction<AlertingCounters> value) {
        FunctionCounter.builder(name, live, l -> l.get() == null ? 0 : value.applyAsDouble(l.get().counters()))
                .description(description).register(registry);
    }

    private static void sinkCounter(MeterRegistry registry, String name, String description, AtomicReference<InfluxSink> live,
                                    ToDoubleFunction<SinkStats> value) {
        FunctionCounter.builder(name, live, l -> l.get() == null ? 0 : value.applyAsDouble(l.get().stats()))
                .description(description).register(registry);
    }
}
