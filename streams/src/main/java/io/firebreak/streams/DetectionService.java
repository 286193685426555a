package io.firebreak.streams;

import io.firebreak.telemetry.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the detection topology on Kafka. Start more instances with the same application id to spread
 * rooms and racks over them; state lives in changelog topics, so an instance that dies is replaced
 * without losing what it knew.
 */
public final class DetectionService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionService.class);

    private final DetectionConfig config;
    private KafkaStreams streams;
    private QueryServer queries;

    public DetectionService(DetectionConfig config) {
        this.config = config;
    }

    /** Creates missing topics and starts processing; returns once Kafka Streams has started. */
    public void start() {
        config.kafka().ensureTopics();
        streams = new KafkaStreams(DetectionTopology.build(config, partitions(Topics.READINGS.name()), partitions(Topics.PRIORITY.name())), config.streamsProperties());
        streams.setStateListener((now, before) ->
                LOG.info("event=detect_state from={} to={} application_id={}", before, now, config.applicationId()));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("event=detect_thread_failed reason={}", e.toString(), e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        if (config.queryPort() > 0) {
            try {
                queries = new QueryServer(streams, config.queryHost(), config.advertisedHost(), config.queryPort(), config.queryAccess());
            } catch (java.io.UncheckedIOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        LOG.info("event=detect_started application_id={} time_mode={} kafka={}", config.applicationId(),
                config.timeMode().wireName(), config.kafka());
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

    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    @Override
    public void close() {
        if (queries != null) {
            queries.close();
        }
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
            LOG.info("event=detect_stopped application_id={}", config.applicationId());
        }
    }
}
