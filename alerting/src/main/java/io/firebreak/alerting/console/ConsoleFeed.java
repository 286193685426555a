package io.firebreak.alerting.console;

import io.firebreak.alerting.TopicFollower;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code firebreak.alerts.v1}, {@code firebreak.decisions.v1}, {@code firebreak.operator.v1} and
 * {@code firebreak.audit.v1} for
 * the console, on its own thread and without a consumer group (it commits nothing and takes no partition
 * from the delivering consumer): alerts fill the {@link RoomBoard}, all four the {@link IncidentLog}, and every record signals
 * {@link Changes} so open event streams push a fresh state at once. Read from the beginning, so a room's
 * level survives a restart of alerting.
 */
public final class ConsoleFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration BACKOFF = Duration.ofSeconds(2);

    private final KafkaConsumer<String, byte[]> consumer;
    private final RoomBoard board;
    private final IncidentLog incidents;
    private final Clock clock;
    private final TopicFollower follower;

    public ConsoleFeed(KafkaSettings kafka, String clientId, RoomBoard board, IncidentLog incidents, Changes changes,
                       Clock clock) {
        Properties props = kafka.clientProperties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.board = board;
        this.incidents = incidents;
        this.clock = clock;
        // Kafka away: the console shows what it had, and the stream still ticks
        this.follower = new TopicFollower(consumer, "console_feed", POLL, BACKOFF, BACKOFF, records -> {
            boolean any = false;
            for (ConsumerRecord<String, byte[]> record : records) {
                any |= take(record);
            }
            if (any) {
                changes.signal();
            }
        });
    }

    /** Assigns every partition of the four topics from their beginning and starts following them. */
    public void start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.ALERTS.name(), Topics.DECISIONS.name(), Topics.OPERATOR.name(), Topics.AUDIT.name())) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        follower.start();
    }

    private boolean take(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return false;
        }
        String topic = record.topic();
        try {
            if (Topics.ALERTS.name().equals(topic)) {
                Alert alert = Topics.ALERTS.valueSerde().deserializer().deserialize(topic, record.value());
                board.onAlert(alert, clock.instant());
                incidents.onAlert(alert, record.timestamp());
            } else if (Topics.DECISIONS.name().equals(topic)) {
                incidents.onDecision(Topics.DECISIONS.valueSerde().deserializer().deserialize(topic, record.value()),
                        record.timestamp());
            } else if (Topics.OPERATOR.name().equals(topic)) {
                incidents.onAction(Topics.OPERATOR.valueSerde().deserializer().deserialize(topic, record.value()),
                        record.timestamp());
            } else {
                incidents.onAudit(Topics.AUDIT.valueSerde().deserializer().deserialize(topic, record.value()),
                        record.timestamp());
            }
        } catch (RuntimeException e) {
            LOG.warn("event=console_record_unreadable topic={} partition={} offset={}", topic, record.partition(),
                    record.offset());
        }
        return true;
    }

    @Override
    public void close() {
        follower.close();
    }
}
