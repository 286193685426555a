package io.firebreak.dashboards;

import io.firebreak.telemetry.kafka.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.BatchPoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies readings, alerts, drain decisions, dead letters and webhook and page delivery attempts from Kafka
 * into InfluxDB for Grafana.
 *
 * <p>One consumer thread: each poll becomes one batch, written synchronously; offsets are committed only
 * after InfluxDB accepted the batch, so nothing is skipped. While InfluxDB is down the same batch is
 * retried with exponential backoff up to {@link SinkConfig#maxBackoff()}, the partitions paused and the
 * consumer still polling so it stays in its group. Delivery is at least once; a point written twice has
 * the same series and time, so InfluxDB stores it once. A batch InfluxDB refuses as bad data (field type
 * conflict, unparsable, beyond retention) is logged, counted and committed: InfluxDB 1.x keeps its
 * valid points and no retry can change the answer.
 *
 * <p>At start the sink also sets up the retention policies and downsampling continuous queries
 * ({@link RetentionSetup}), and while running it writes its own lag and counters as {@code pipeline}
 * points every {@link SinkConfig#statsInterval()}, with every room's {@code room_state} and detection's group as
 * a {@code detection} point ({@link DetectionWatch}).
 */
public final class InfluxSink implements AutoCloseable {

    /** Where the sink is in its life. */
    public enum State { CREATED, RUNNING, RETRYING, STOPPED, FAILED }

    private static final Logger LOG = LoggerFactory.getLogger(InfluxSink.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    static final List<String> TOPICS = List.of(Topics.READINGS.name(), Topics.ALERTS.name(),
            Topics.DECISIONS.name(), Topics.DEAD_LETTERS.name(), Topics.AUDIT.name(), Topics.OPERATOR.name());
    /** The last point of every room's state and its last alert, to seed {@link RoomStates} (no time bound: all of raw). */
    private static final String SEED_STATES = "SELECT last(\"level_rank\") AS \"level_rank\", \"alert_id\", \"since_ms\","
            + " \"last_reading_ms\" FROM \"room_state\" GROUP BY \"site\", \"room\"";
    private static final String SEED_ALERTS = "SELECT last(\"level_rank\") AS \"level_rank\", \"id\" FROM \"alert\""
            + " GROUP BY \"site\", \"room\"";

    private final SinkConfig config;
    private final SinkConsumer consumer;
    private final Writer writer;
    private final BatchAssembler assembler;
    private final PipelineReporter reporter;
    private final RoomStates rooms = new RoomStates();
    private final LongAdder pointsWritten = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder writeFailures = new LongAdder();
    private final LongAdder rejectedBatches = new LongAdder();
    private final LongAdder recordsSkipped = new LongAdder();
    private volatile State state = State.CREATED;
    /** Detection's group, for the {@code detection} points; null writes none (the tests' consumer-less sinks). */
    private volatile DetectionWatch detection;
    private volatile boolean closing;
    /** False until the database, retention policies and continuous queries were set up once. */
    private volatile boolean schemaReady;
    private Thread thread;

    /** A sink reading from the configured Kafka and writing to the configured InfluxDB; call {@link #start()}. */
    public InfluxSink(SinkConfig config) {
        this(config, new KafkaConsumer<>(consumerProperties(config), new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                new InfluxWriter(config));
        this.detection = new DetectionWatch(config.kafka(), DetectionWatch.DEFAULT_GROUPS);
    }

    /**
     * Watches detection under {@code applicationIds} (its parts' groups, as {@code DetectionConfig.applicationIds()}
     * gives them for its {@code detect.application_id}) for the {@code detection} points, instead of the default
     * {@code firebreak-detect} and {@code firebreak-detect-rooms}; call before {@link #start()}.
     */
    public synchronized InfluxSink watchingDetection(List<String> applicationIds) {
        if (applicationIds == null || applicationIds.isEmpty() || applicationIds.stream().anyMatch(id -> id == null || id.isBlank())) {
            throw new IllegalArgumentException("detect.application_id: is required to watch detection");
        }
        if (state != State.CREATED) {
            throw new IllegalStateException("sink: watch detection before start, state is " + state);
        }
        this.detection = new DetectionWatch(config.kafka(), applicationIds.stream().map(String::strip).toList());
        return this;
    }

    InfluxSink(SinkConfig config, Consumer<byte[], byte[]> consumer, Writer writer) {
        this.config = config;
        this.consumer = new SinkConsumer(consumer, POLL);
        this.writer = writer;
        this.assembler = new BatchAssembler(config.database(), rooms, System::currentTimeMillis);
        this.reporter = new PipelineReporter(config.groupId(), config.statsInterval().toMillis(), System::currentTimeMillis);
    }

    static Properties consumerProperties(SinkConfig config) {
        Properties props = config.kafka().clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(config.batchSize()));
        return props;
    }

    /**
     * Creates the database if it is missing and starts the consumer thread. When InfluxDB cannot be
     * reached yet the sink starts anyway: writes are retried and the database created once it answers.
     */
    public synchronized void start() {
        if (state != State.CREATED || closing) {
            throw new IllegalStateException("sink: can only start once and before close, state is " + state);
        }
        ensureDatabase();
        state = State.RUNNING;
        thread = new Thread(this::run, "firebreak-influx-sink");
        thread.start();
        LOG.info("event=sink_started config={} topics={}", config, TOPICS);
    }

    /** The counters since start. */
    public SinkStats stats() {
        return new SinkStats(pointsWritten.sum(), batches.sum(), writeFailures.sum(), rejectedBatches.sum(), recordsSkipped.sum());
    }

    /** The current state; {@link State#RETRYING} means InfluxDB is refusing writes. */
    public State state() {
        return state;
    }

    private void run() {
        try {
            consumer.subscribe(TOPICS);
            while (!closing) {
                reporter.reportIfDue(consumer::lagByTopic, this::stats, rooms, this::detectionPoints, writer, config.database());
                ConsumerRecords<byte[], byte[]> records = consumer.poll();
                if (records.isEmpty()) {
                    continue;
                }
                BatchAssembler.Assembled assembled = assembler.assemble(records);
                if (!assembled.batch().getPoints().isEmpty() && !writeUntilStored(assembled.batch())) {
                    break; // closing while InfluxDB is down: nothing committed, the records come back next time
                }
                consumer.commit(records);
                recordsSkipped.add(assembled.skipped());
            }
            state = State.STOPPED;
        } catch (RuntimeException e) {
            state = State.FAILED;
            LOG.error("event=sink_failed error=\"{}\"", e.getMessage(), e);
        } finally {
            consumer.close();
            writer.close();
            if (detection != null) {
                detection.close(); // its admin client lives on this thread only
            }
            LOG.info("event=sink_stopped state={} stats={}", state, stats());
        }
    }

    private List<SeriesPoint> detectionPoints(long nowMs) {
        DetectionWatch watch = detection;
        return watch == null ? List.of() : watch.points(nowMs);
    }

    /** Writes until InfluxDB accepted or rejected the batch; false when the sink closed first. */
    private boolean writeUntilStored(BatchPoints batch) {
        int points = batch.getPoints().size();
        Duration backoff = FIRST_BACKOFF.compareTo(config.maxBackoff()) < 0 ? FIRST_BACKOFF : config.maxBackoff();
        for (int attempt = 1; ; attempt++) {
            if (!schemaReady) {
                ensureDatabase(); // InfluxDB was unreachable at start: set up before the first write lands in autogen
            }
            try {
                writer.write(batch);
                pointsWritten.add(points);
                batches.increment();
                if (attempt > 1) {
                    LOG.info("event=write_recovered points={} attempts={}", points, attempt);
                }
                state = State.RUNNING;
                return true;
            } catch (RuntimeException e) {
                if (rejectedAsData(e)) {
                    rejectedBatches.increment();
                    LOG.error("event=batch_rejected points={} error=\"{}\"", points, e.getMessage());
                    state = State.RUNNING;
                    return true;
                }
                writeFailures.increment();
                state = State.RETRYING;
                LOG.warn("event=write_failed points={} attempt={} retryInMs={} error=\"{}\"",
                        points, attempt, backoff.toMillis(), e.getMessage());
                if (e instanceof InfluxDBException.DatabaseNotFoundException) {
                    ensureDatabase();
                }
            }
            if (!consumer.pauseFor(backoff, () -> closing)) {
                return false;
            }
            Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(config.maxBackoff()) < 0 ? doubled : config.maxBackoff();
        }
    }

    private static boolean rejectedAsData(RuntimeException e) {
        return e instanceof InfluxDBException.FieldTypeConflictException
                || e instanceof InfluxDBException.UnableToParseException
                || e instanceof InfluxDBException.PointsBeyondRetentionPolicyException
                || e instanceof InfluxDBException && e.getMessage() != null && e.getMessage().contains("partial write");
    }

    private void ensureDatabase() {
        try {
            writer.ensureDatabase(config.database());
            RetentionSetup.apply(writer, config);
            seedRoomStates();
            schemaReady = true;
            LOG.info("event=database_ready database={} url={} rawRetention={} longTermRetention={}", config.database(),
                    config.influxUrl(), config.rawRetention(), config.longTermRetention());
        } catch (RuntimeException e) {
            LOG.warn("event=database_unreachable database={} url={} error=\"{}\"", config.database(), config.influxUrl(), e.getMessage());
        }
    }

    /**
     * Seeds the rooms' current state from InfluxDB, before the first record is consumed: the last alert
     * of a room is its level (an alert is written at every change), the last {@code room_state} point
     * gives the telemetry time and the level of a room whose last alert is older than {@code raw}.
     */
    private void seedRoomStates() {
        Map<String, Map<String, Object>> states = new HashMap<>();
        writer.query(SEED_STATES).forEach(row -> states.put(row.get("site") + "/" + row.get("room"), row));
        List<Map<String, Object>> alerts = writer.query(SEED_ALERTS);
        for (Map<String, Object> alert : alerts) {
            Map<String, Object> state = states.getOrDefault(alert.get("site") + "/" + alert.get("room"), Map.of());
            rooms.seed((String) alert.get("site"), (String) alert.get("room"), (Number) alert.get("level_rank"),
                    (String) alert.get("id"), (Number) alert.get("time"), (Number) state.get("last_reading_ms"));
        }
        // rooms whose last alert has aged out of raw keep the level of their last state
        states.values().forEach(row -> rooms.seed((String) row.get("site"), (String) row.get("room"),
                (Number) row.get("level_rank"), (String) row.get("alert_id"), (Number) row.get("since_ms"),
                (Number) row.get("last_reading_ms")));
        LOG.info("event=room_states_seeded rooms={} fromAlerts={}", rooms.points(0).size(), alerts.size());
    }

    /** Stops polling, lets an in-flight write finish or give up, and closes the consumer and the client. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            running = thread;
        }
        if (running == null) {
            consumer.close();
            writer.close();
            state = State.STOPPED;
            return;
        }
        try {
            running.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            LOG.warn("event=sink_close_timeout waitedMs={}", CLOSE_TIMEOUT.toMillis());
        }
    }
}
