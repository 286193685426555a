package io.firebreak.streams;

import io.firebreak.streams.query.QueryServer;
import io.firebreak.streams.topology.DetectionTopology;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the detection topology on Kafka, as two Kafka Streams applications in this process (the battery part
 * and the rooms part, see {@link DetectionTopology}). Start more instances with the same application id to
 * spread rooms and racks over them; state lives in changelog topics, so an instance that dies is replaced
 * without losing what it knew.
 */
public final class DetectionService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionService.class);

    private final DetectionConfig config;
    /** The battery part: BMS samples into signals, under {@link DetectionConfig#applicationId()}. */
    private KafkaStreams battery;
    /** The rooms part: the alarm lane and the rooms' deciders, under {@link DetectionConfig#roomsApplicationId()}. */
    private KafkaStreams rooms;
    private QueryServer queries;

    public DetectionService(DetectionConfig config) {
        this.config = config;
    }

    /**
     * Creates missing topics and starts both parts of detection (see {@link DetectionTopology}), each a Kafka
     * Streams application with its own stream threads; returns once both have started.
     */
    public void start() {
        config.kafka().ensureTopics();
        rooms = started(DetectionTopology.rooms(config, partitions(Topics.READINGS.name()), partitions(Topics.PRIORITY.name()),
                partitions(Topics.SIGNALS.name())), config.roomsStreamsProperties(), config.roomsApplicationId());
        battery = started(DetectionTopology.battery(config, partitions(Topics.READINGS.name()), partitions(Topics.PRIORITY.name())), config.streamsProperties(), config.applicationId());
        if (config.queryPort() > 0) {
            try {
                queries = new QueryServer(rooms, config.queryHost(), config.advertisedHost(), config.queryPort(), config.queryAccess());
            } catch (java.io.UncheckedIOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        LOG.info("event=detect_started application_id={} rooms_application_id={} time_mode={} kafka={}", config.applicationId(),
                config.roomsApplicationId(), config.timeMode().wireName(), config.kafka());
    }

    private static KafkaStreams started(Topology topology, Properties props, String applicationId) {
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setStateListener((now, before) ->
                LOG.info("event=detect_state from={} to={} application_id={}", before, now, applicationId));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("event=detect_thread_failed application_id={} reason={}", applicationId, e.toString(), e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        return streams;
    }

    /** How many partitions {@code topic} has: each room's decider waits for those that feed it. */
    private int partitions(String topic) {
        try (Admin admin = Admin.create(config.kafka().clientProperties())) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("detect: interrupted while reading the partitions of " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("detect: cannot read the partitions of " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops ({@code true}) or resumes the battery part's processing, as a battery part that has fallen far behind
     * or is stuck would: the rooms part goes on deciding. For tests of that isolation.
     */
    public void pauseBattery(boolean paused) {
        if (paused) {
            battery.pause();
        } else {
            battery.resume();
        }
    }

    /**
     * Detection's state: the worse of its two parts' (a failed or stopped part first, then one not yet running),
     * RUNNING only while both are.
     */
    public KafkaStreams.State state() {
        if (rooms == null || battery == null) {
            return KafkaStreams.State.CREATED;
        }
        return worse(rooms.state(), battery.state());
    }

    static KafkaStreams.State worse(KafkaStreams.State a, KafkaStreams.State b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(KafkaStreams.State state) {
        return switch (state) {
            case RUNNING -> 0;
            case REBALANCING -> 1;
            case CREATED -> 2;
            case PENDING_SHUTDOWN -> 3;
            case NOT_RUNNING -> 4;
            case PENDING_ERROR -> 5;
            case ERROR -> 6;
        };
    }

    @Override
    public void close() {
        if (queries != null) {
            queries.close();
        }
        for (KafkaStreams streams : new KafkaStreams[] {battery, rooms}) {
            if (streams != null) {
                streams.close(Duration.ofSeconds(30));
            }
        }
        if (battery != null || rooms != null) {
            LOG.info("event=detect_stopped application_id={} rooms_application_id={}", config.applicationId(), config.roomsApplicationId());
        }
    }
}
