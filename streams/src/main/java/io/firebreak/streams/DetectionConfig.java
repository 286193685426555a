package io.firebreak.streams;

import io.firebreak.streams.errors.DeadLetterDeserializationHandler;
import io.firebreak.streams.errors.DeadLetterProcessingHandler;
import io.firebreak.streams.errors.DeadLetterProductionHandler;
import io.firebreak.streams.room.RoomFlow;
import io.firebreak.telemetry.auth.OperatorAccess;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Configuration of the detection service, validated at construction with messages that name the key.
 *
 * @param applicationId   the Kafka Streams application id: instances with the same id share the work
 * @param standbyReplicas warm copies of each state store on other instances
 * @param queryPort       port of the HTTP query endpoint (levels and evidence); 0 = off
 * @param advertisedHost  host name other instances and clients reach this one by (application.server)
 * @param queryHost       the address the query endpoint binds to ({@code 127.0.0.1} by default)
 * @param queryAccess     who may query (operators' tokens or client certificates, origins, host names, TLS);
 *                        {@link OperatorAccess#none()} refuses every query
 * @param commitInterval  how often a stream thread commits; each commit ends an exactly-once transaction,
 *                        and a decision is visible (read_committed) about two commits after its reading
 */
public record DetectionConfig(KafkaSettings kafka, String applicationId, SiteInventory inventory, TimeMode timeMode,
                              Thresholds thresholds, int threads, int standbyReplicas, Path stateDir, int queryPort,
                              String advertisedHost, Duration commitInterval, String queryHost, OperatorAccess queryAccess) {

    /** The query endpoint binds to loopback unless configured otherwise. */
    public static final String DEFAULT_QUERY_HOST = "127.0.0.1";

    /** The default commit interval: a fire alarm becomes a visible decision in about 0.25 s. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

    public DetectionConfig {
        Objects.requireNonNull(kafka, "kafka");
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("detect.application_id: is required");
        }
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(timeMode, "time_mode");
        Objects.requireNonNull(thresholds, "detection");
        if (threads < 1) {
            throw new IllegalArgumentException("detect.threads: must be >= 1, was " + threads);
        }
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("detect.standby_replicas: must be >= 0, was " + standbyReplicas);
        }
        Objects.requireNonNull(stateDir, "detect.state_dir");
        if (queryPort < 0 || queryPort > 65535) {
            throw new IllegalArgumentException("detect.query_port: must be 0 (off) to 65535, was " + queryPort);
        }
        if (queryPort > 0 && (advertisedHost == null || advertisedHost.isBlank())) {
            throw new IllegalArgumentException("detect.advertised_host: is required when detect.query_port is set");
        }
        Objects.requireNonNull(commitInterval, "detect.commit_interval");
        if (commitInterval.toMillis() < 10 || commitInterval.toMillis() > 1000) {
            // above a second, two commits alone would eat half of the 2 s a decision may take
            throw new IllegalArgumentException("detect.commit_interval: must be 10ms to 1s, was " + commitInterval.toMillis() + "ms");
        }
        if (queryHost == null || queryHost.isBlank()) {
            queryHost = DEFAULT_QUERY_HOST;
        }
        if (queryAccess == null) {
            queryAccess = OperatorAccess.none();
        }
    }

    /** Without query host and access: the query endpoint (if any) on loopback, refusing every query. */
    public DetectionConfig(KafkaSettings kafka, String applicationId, SiteInventory inventory, TimeMode timeMode,
                           Thresholds thresholds, int threads, int standbyReplicas, Path stateDir, int queryPort,
                           String advertisedHost, Duration commitInterval) {
        this(kafka, applicationId, inventory, timeMode, thresholds, threads, standbyReplicas, stateDir, queryPort, advertisedHost,
                commitInterval, DEFAULT_QUERY_HOST, OperatorAccess.none());
    }

    /** Defaults for one site: application id {@code firebreak-detect}, one thread, no standby, no query endpoint. */
    public static DetectionConfig of(KafkaSettings kafka, SiteInventory inventory, TimeMode timeMode, Path stateDir) {
        return new DetectionConfig(kafka, "firebreak-detect", inventory, timeMode, Thresholds.defaults(), 1, 0, stateDir, 0, null,
                DEFAULT_COMMIT_INTERVAL);
    }

    /** This configuration with the HTTP query endpoint on {@code port}, advertised as {@code host}. */
    public DetectionConfig withQueryEndpoint(String host, int port) {
        return new DetectionConfig(kafka, applicationId, inventory, timeMode, thresholds, threads, standbyReplicas, stateDir, port, host,
                commitInterval, queryHost, queryAccess);
    }

    /** This configuration with the query endpoint bound to {@code bindHost}, admitting requests by {@code access}. */
    public DetectionConfig withQueryAccess(String bindHost, OperatorAccess access) {
        return new DetectionConfig(kafka, applicationId, inventory, timeMode, thresholds, threads, standbyReplicas, stateDir, queryPort,
                advertisedHost, commitInterval, bindHost, access);
    }

    /** This configuration with {@code threads} stream threads committing every {@code commitInterval}. */
    public DetectionConfig withThroughput(int threads, Duration commitInterval) {
        return new DetectionConfig(kafka, applicationId, inventory, timeMode, thresholds, threads, standbyReplicas, stateDir, queryPort,
                advertisedHost, commitInterval, queryHost, queryAccess);
    }

    /** This configuration with {@code next} as its detection thresholds. */
    public DetectionConfig withThresholds(Thresholds next) {
        return new DetectionConfig(kafka, applicationId, inventory, timeMode, next, threads, standbyReplicas, stateDir, queryPort,
                advertisedHost, commitInterval, queryHost, queryAccess);
    }

    /** The battery part's record cache per instance (statestore.cache.max.bytes): 64 MiB. */
    public static final long CACHE_BYTES = 64L << 20;
    /** The rooms part's record cache per instance: Kafka's default, 10 MiB. */
    public static final long ROOMS_CACHE_BYTES = 10L << 20;

    /** How long a detection instance that stopped heartbeating keeps its rooms before others take them. */
    public static final int SESSION_TIMEOUT_MS = 10_000;

    /** Suffix of the rooms part's application id (see {@link #roomsApplicationId()}). */
    public static final String ROOMS_SUFFIX = "-rooms";

    /**
     * The application id of detection's rooms part (the alarm lane and the rooms' deciders, issue 16), which runs
     * as a Kafka Streams application of its own beside the battery part ({@link #applicationId()}), so that no
     * backlog of cell data shares its stream thread.
     */
    public String roomsApplicationId() {
        return applicationId + ROOMS_SUFFIX;
    }

    /** Both parts' application ids (each is a consumer group): the battery part's, then the rooms part's. */
    public List<String> applicationIds() {
        return List.of(applicationId, roomsApplicationId());
    }

    /**
     * The rooms part's Kafka Streams properties: as {@link #streamsProperties()} under {@link #roomsApplicationId()},
     * with a task that never idles waiting for a quiet partition ({@code max.task.idle.ms=-1}), because the rooms'
     * deciders order their events themselves ({@link RoomFlow}) and an alarm must not wait for battery signals.
     */
    public Properties roomsStreamsProperties() {
        Properties props = streamsProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, roomsApplicationId());
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        if (!kafka.clientProperties().containsKey(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)) {
            // room states and gas tracks are small: Kafka's default
            props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, ROOMS_CACHE_BYTES);
        }
        return props;
    }

    /** Kafka Streams properties: exactly-once v2, a short commit interval so a decision leaves within a second. */
    public Properties streamsProperties() {
        Properties props = kafka.clientProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) kafka.replication());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // the battery part reads its module histories from the task's own objects; the record cache holds what
        // was written until each commit, and a rack's histories when a task seeds its peers. 64 MiB holds every
        // module of a 100,000-cell site (about 7 MiB in layout 4); kafka.properties may say otherwise
        if (!props.containsKey(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)) {
            props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, CACHE_BYTES);
        }
        // one poison-record policy: what cannot be read, processed or written goes to the dead-letter topic
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // an instance that dies without leaving (kill -9, a lost host) holds its rooms until the group notices:
        // 10 s instead of Kafka's 45 s default, unless kafka.properties says otherwise
        if (!props.containsKey(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)) {
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), SESSION_TIMEOUT_MS / 3);
        }
        if (queryPort > 0) {
            // lets every instance find which one holds a room's state
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedHost + ":" + queryPort);
        }
        return props;
    }
}
