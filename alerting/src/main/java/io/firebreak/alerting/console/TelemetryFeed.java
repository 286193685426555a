package io.firebreak.alerting.console;

import io.firebreak.alerting.TopicFollower;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows {@code firebreak.readings.v1} for the console's time since each room's last telemetry, on its own
 * thread and consumer (a burst of readings never delays an alert on the console), without a consumer group. Only
 * record keys and times are used ({@link TelemetryClock}); the readings themselves are never decoded. It starts
 * {@value #LOOK_BACK} records before the end of each partition, so rooms that spoke just before a restart show at
 * once, and signals {@link Changes} when a room is heard for the first time; the page's timers and the stream's
 * periodic push keep the rest current.
 */
final class TelemetryFeed implements AutoCloseable {

    static final int LOOK_BACK = 500;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration BACKOFF = Duration.ofSeconds(2);

    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicFollower follower;

    TelemetryFeed(KafkaSettings kafka, String clientId, TelemetryClock telemetry, Changes changes, Clock clock) {
        Properties props = kafka.clientProperties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        // Kafka away: the console keeps the times it had, and they age as they should
        this.follower = new TopicFollower(consumer, "console_telemetry", POLL, BACKOFF, BACKOFF, records -> {
            long readMs = clock.millis();
            boolean first = false;
            for (ConsumerRecord<String, byte[]> record : records) {
                first |= telemetry.onRecord(record.key(), record.timestamp(), readMs);
            }
            if (first) {
                changes.signal();
            }
        });
    }

    /** Assigns every readings partition, a little before its end, and starts following. */
    void start() {
        String topic = Topics.READINGS.name();
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        consumer.endOffsets(partitions).forEach((tp, end) -> consumer.seek(tp, Math.max(begin.get(tp), end - LOOK_BACK)));
        follower.start();
    }

    @Override
    public void close() {
        follower.close();
    }
}
