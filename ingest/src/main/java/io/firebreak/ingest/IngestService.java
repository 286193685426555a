package io.firebreak.ingest;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.kafka.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT to Kafka bridge, in two lanes ({@link Lane}): alarms (fire panels, room sensors, power, gateways)
 * and battery data each have their own persistent MQTT 5 session, forwarder thread and producer, so no
 * backlog of cell data can delay an alarm. Each lane validates
 * each message against the wire contract, writes readings and dead letters to Kafka with an idempotent
 * producer, and acknowledges each MQTT message only after Kafka has acknowledged everything made from it.
 * A crash or a Kafka outage therefore never loses a message: the broker keeps and redelivers what was
 * not acknowledged, and the per-device {@code seq} drops the repeats.
 *
 * <p>At start the latest {@code seq} of every device is recovered from the tail of the readings topic, so a
 * message that a killed predecessor wrote to Kafka but could not acknowledge is dropped when it comes back.
 * Metrics go to a Prometheus registry (its own, or one passed in), served at {@code GET /metrics} when
 * {@link IngestConfig#metricsPort()} is set.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #close()}; both log one line.
 */
public final class IngestService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    /** How many devices' last {@code seq} are remembered. */
    static final int SEQ_TRACKER_CAPACITY = 100_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** How often the unknown-device reports that are due go out. */
    private static final long REPORT_TICK_MS = 5_000;
    /** Readings per partition read back at start: several receive-maximums of any one instance. */
    static final int SEQ_RECOVERY_RECORDS_PER_PARTITION = 10_000;

    private final IngestConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry registry;
    private final IngestCounters counters;
    private MetricsServer metricsServer;
    /** Per lane (battery, alarms): its forwarder thread, Kafka producer and MQTT session (see {@link Lane}). */
    private final Map<Lane, ExecutorService> forwarders = new java.util.EnumMap<>(Lane.class);
    private final Map<Lane, Producer<String, byte[]>> producers = new java.util.EnumMap<>(Lane.class);
    private final Map<Lane, MqttSession> sessions = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Producer<String, byte[]> producer;
    private final UnknownDevices unknownDevices;
    private final ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "firebreak-ingest-unknown-devices");
        t.setDaemon(true);
        return t;
    });
    private boolean started;
    private boolean closed;

    public IngestService(IngestConfig config) {
        this(config, Clock.systemUTC());
    }

    /** With the clock that stamps {@code receivedAt}; tests fix it to exercise the staleness bound. */
    public IngestService(IngestConfig config, Clock clock) {
        this(config, clock, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** With a registry shared with other services of the process (one scrape shows them all). */
    public IngestService(IngestConfig config, Clock clock, PrometheusMeterRegistry registry) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.counters = new IngestCounters(registry);
        this.unknownDevices = new UnknownDevices(config.admission().inventory() == null ? "-" : config.admission().inventory().site(),
                this::publishLoss);
        Gauge.builder("firebreak.ingest.unknown.devices", unknownDevices, UnknownDevices::known)
                .description("distinct devices not in the inventory heard from in the last hour (bounded)").register(registry);
    }

    /**
     * Creates the Kafka topics if missing, opens the producer, connects to MQTT and subscribes; returns once
     * the subscription is in place.
     *
     * @throws IllegalStateException when Kafka or the MQTT broker cannot be reached
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException("ingest service: start() may be called once, before close()");
        }
        started = true;
        LOG.info("event=ingest_starting config={}", config);
        if (config.metricsPort() > 0) {
            metricsServer = MetricsServer.start(new InetSocketAddress(config.metricsPort()), registry);
        }
        config.kafka().ensureTopics();
        SeqTracker<CompletableFuture<Boolean>> seqTracker = recoveredSeqTracker();
        try {
            // the alarm lane first: it is the one that must never wait
            for (Lane lane : List.of(Lane.ALARMS, Lane.BATTERY)) {
                openLane(lane, seqTracker);
            }
            producer = producers.get(Lane.ALARMS);
            reporter.scheduleWithFixedDelay(() -> unknownDevices.flush(clock.millis()), REPORT_TICK_MS, REPORT_TICK_MS,
                    TimeUnit.MILLISECONDS);
        } catch (MqttException | RuntimeException e) {
            close();
            throw new IllegalStateException("cannot connect to mqtt at " + config.mqttServerUri() + ": " + e.getMessage(), e);
        }
        LOG.info("event=ingest_started client_id={} filter={} alarm_filters={} time_mode={}", config.clientId(),
                config.subscriptionFilter(), Lane.ALARMS.filters(config), config.timeMode().wireName());
    }

    /**
     * Opens one lane: its own producer (an alarm never waits behind battery batches in a producer's buffer or
     * in-flight requests), its own forwarder thread and its own MQTT session (never behind battery messages in
     * the broker's queue for a client). One seq tracker serves both: each device belongs to one lane.
     */
    private void openLane(Lane lane, SeqTracker<CompletableFuture<Boolean>> seqTracker) throws MqttException {
        Producer<String, byte[]> laneProducer = new KafkaProducer<>(producerProperties(lane));
        producers.put(lane, laneProducer);
        ExecutorService forwarder = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "firebreak-ingest-forwarder" + (lane == Lane.BATTERY ? "" : "-" + lane.name().toLowerCase(java.util.Locale.ROOT)));
            thread.setDaemon(true);
            return thread;
        });
        forwarders.put(lane, forwarder);
        MqttSession mqtt = new MqttSession(config, lane);
        sessions.put(lane, mqtt);
        MessageHandler handler = new MessageHandler(config, laneProducer, seqTracker, counters,
                clock, mqtt::ack, mqtt::requestRedelivery, unknownDevices);
        mqtt.open((topic, messageId, qos, payload, retained) -> {
            if (!lane.carries(config, topic) && otherLaneTakes(lane)) {
                // the other lane's message (MQTT cannot subscribe to "all but"), and that lane is subscribed:
                // the broker routes its own copy there
                mqtt.ack(messageId, qos);
                return;
            }
            counters.received.increment();
            counters.inflight.incrementAndGet();
            // one thread per lane, so per-device order holds; Paho's callback thread never waits for Kafka
            forwarder.execute(() -> handler.handle(topic, messageId, qos, payload, retained));
        });
    }

    /**
     * True when the lane other than {@code lane} is subscribed, so its messages reach it. While the alarm lane
     * is not (a broker restarted without its sessions, a reconnect under way), the battery lane forwards the
     * alarm lane's messages itself rather than drop them; the shared seq tracker drops whichever copy comes
     * second. The alarm lane never forwards what is not its own: the battery lane takes everything.
     */
    private boolean otherLaneTakes(Lane lane) {
        if (lane == Lane.ALARMS) {
            return true;
        }
        MqttSession alarms = sessions.get(Lane.ALARMS);
        return alarms != null && alarms.isSubscribed();
    }

    private SeqTracker<CompletableFuture<Boolean>> recoveredSeqTracker() {
        LossAlarm loss = new LossAlarm(clock, this::publishLoss, SEQ_TRACKER_CAPACITY);
        SeqTracker<CompletableFuture<Boolean>> tracker = new SeqTracker<>(SEQ_TRACKER_CAPACITY, loss);
        CompletableFuture<Boolean> inKafka = CompletableFuture.completedFuture(true);
        Map<String, Long> latest = SeqRecovery.latestSeqs(config.kafka().clientProperties(), SEQ_RECOVERY_RECORDS_PER_PARTITION);
        latest.forEach((device, seq) -> tracker.seed(device, seq, inKafka));
        return tracker;
    }

    /** Puts a telemetry-loss or unknown-device alert on the alerts topic, keyed by room, for alerting to page. */
    private void publishLoss(Alert alert) {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            return;
        }
        current.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.site() + "/" + alert.room(),
                Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), alert)), (meta, e) -> {
                    if (e != null) {
                        LOG.error("event=telemetry_loss_not_published alert={} error=\"{}\"", alert.id(), e.getMessage());
                    }
                });
    }

    /** The battery lane's producer properties. */
    Properties producerProperties() {
        return producerProperties(Lane.BATTERY);
    }

    /**
     * Idempotent producer: acks from all replicas, retried until Kafka takes it, never reordered. The alarm
     * lane sends at once (no linger); the battery lane batches for 5 ms.
     */
    Properties producerProperties(Lane lane) {
        Properties props = config.kafka().clientProperties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "firebreak-ingest-" + lane.clientId(config));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, lane == Lane.ALARMS ? 0 : 5);
        // a Kafka outage holds messages unacknowledged on MQTT rather than failing them; receive maximum bounds them
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        // while Kafka is unreachable the client may drop its metadata (rebootstrap); wait for it, do not fail
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.MAX_VALUE);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    private static void awaitForwarder(ExecutorService forwarder) {
        try {
            if (!forwarder.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("event=ingest_forwarder_stuck timeout={}", CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The counters since start. */
    public IngestStats stats() {
        return counters.snapshot();
    }

    /** The registry holding ingest's meters ({@code firebreak_ingest_*}). */
    public PrometheusMeterRegistry meterRegistry() {
        return registry;
    }

    /** The port the metrics endpoint listens on, or -1 when there is none. */
    public int metricsPort() {
        MetricsServer server = metricsServer;
        return server == null ? -1 : server.port();
    }

    /**
     * How long messages have waited in flight with none acknowledged or given back: a stuck forwarder or a Kafka
     * that takes nothing. Zero while messages flow or none wait.
     */
    public Duration stalledFor() {
        return counters.stalledFor();
    }

    /** Whether both lanes' MQTT sessions are connected right now. */
    public boolean isConnected() {
        return sessions.size() == Lane.values().length && sessions.values().stream().allMatch(MqttSession::isConnected);
    }

    /**
     * Stops taking messages, lets Kafka acknowledge what is in flight (so those MQTT messages get acknowledged
     * too), then disconnects MQTT and closes the producer. What is still unacknowledged stays with the broker.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sessions.values().forEach(MqttSession::stopIntake);
        reporter.shutdownNow();
        forwarders.values().forEach(ExecutorService::shutdown);
        // acknowledges what Kafka takes in time; the rest fails and stays with the MQTT broker
        producers.values().forEach(p -> p.close(CLOSE_TIMEOUT));
        forwarders.values().forEach(ExecutorService::shutdownNow);
        forwarders.values().forEach(IngestService::awaitForwarder);
        sessions.values().forEach(MqttSession::close);
        if (metricsServer != null) {
            metricsServer.close();
        }
        LOG.info("event=ingest_closed client_id={} stats={}", config.clientId(), counters.snapshot());
    }
}
