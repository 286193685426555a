package io.firebreak.alerting;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the {@link Ledger} and the {@link DeliveryHistory} from Kafka on start: every partition of a topic
 * is read from its beginning to the end it had when the replay began, without a consumer group. Decisions,
 * operator actions and delivery attempts are rare (a handful per incident, a few thousand a day while a
 * target is down), so this stays small; the topics keep them without limit ({@code TopicProvisioner}).
 */
final class StartupReplay {

    private static final Logger LOG = LoggerFactory.getLogger(StartupReplay.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private StartupReplay() {
    }

    /** A group-less consumer assigned every partition of {@code topic}. */
    static KafkaConsumer<String, byte[]> assignedConsumer(KafkaSettings kafka, String topic, String clientId) {
        Properties props = kafka.clientProperties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Feeds every record up to the current end of the assigned partitions to {@code handler}; returns how many. */
    static int readToEnd(KafkaConsumer<String, byte[]> consumer, Consumer<ConsumerRecord<String, byte[]>> handler) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        int read = 0;
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.value() != null) {
                    handler.accept(record);
                    read++;
                }
            }
        }
        return read;
    }

    /**
     * Books in {@code history} what receivers took, from the attempts on {@code firebreak.audit.v1} that
     * {@code consumer} (from {@link #assignedConsumer}) has not read yet; called on start and again whenever
     * partitions move here, so the deliveries another instance made before it let them go are known.
     */
    static void audit(KafkaConsumer<String, byte[]> consumer, DeliveryHistory history) {
        int read = readToEnd(consumer, record -> {
            try {
                history.record(Topics.AUDIT.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            } catch (RuntimeException e) {
                LOG.warn("event=replay_record_unreadable topic={} partition={} offset={}", record.topic(),
                        record.partition(), record.offset());
            }
        });
        LOG.info("event=history_replayed topic={} records={}", Topics.AUDIT.name(), read);
    }

    /**
     * Restarts the timers of {@code site}'s alerts on {@code firebreak.alerts.v1} written since {@code since}, at the
     * time each was written: countdowns, escalations (not those {@code history} shows were already sent) and
     * all-clears run on from where they were before the restart. Returns, per partition, the offset the replay
     * read up to: records below it that the consumer group reads again (never committed before the crash) have
     * already set their timers, and must not restart them at the time they are read again.
     */
    static Map<TopicPartition, Long> alerts(KafkaSettings kafka, String clientId, Ledger ledger, DeliveryHistory history,
                                            String site, Instant since) {
        try (KafkaConsumer<String, byte[]> consumer = assignedConsumer(kafka, Topics.ALERTS.name(), clientId)) {
            Map<TopicPartition, Long> query = new HashMap<>();
            consumer.assignment().forEach(p -> query.put(p, since.toEpochMilli()));
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            consumer.offsetsForTimes(query).forEach((p, found) -> consumer.seek(p, found == null ? ends.get(p) : found.offset()));
            int read = readToEnd(consumer, record -> {
                try {
                    Alert alert = Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
                    if (!alert.site().equals(site)) {
                        // another site's timers belong to its own alerting instance
                        return;
                    }
                    ledger.onAlert(alert, Instant.ofEpochMilli(record.timestamp()));
                    if (history.pageDone(PagerRouter.escalationKey(alert.id()), PagerRouter.ESCALATION, PagerEvent.TRIGGER)) {
                        ledger.escalated(alert.id());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("event=replay_record_unreadable topic={} partition={} offset={}", record.topic(),
                            record.partition(), record.offset());
                }
            });
            LOG.info("event=timers_replayed topic={} since={} records={}", Topics.ALERTS.name(), since, read);
            Map<TopicPartition, Long> replayedUpTo = new HashMap<>();
            consumer.assignment().forEach(p -> replayedUpTo.put(p, consumer.position(p)));
            return replayedUpTo;
        }
    }

    /**
     * Books every decision on {@code firebreak.decisions.v1} in {@code ledger}: what is held, what is being
     * delivered, and, where {@code history} shows a target took it, what is drained; and in {@code effects}, which
     * decisions are on the topic and which carry out an operator action.
     */
    static void decisions(KafkaSettings kafka, String clientId, Ledger ledger, DeliveryHistory history,
                          SiteInventory inventory, OperatorEffects effects) {
        try (KafkaConsumer<String, byte[]> consumer = assignedConsumer(kafka, Topics.DECISIONS.name(), clientId)) {
            int read = readToEnd(consumer, record -> {
                try {
                    DrainDecision decision = Topics.DECISIONS.valueSerde().deserializer().deserialize(record.topic(), record.value());
                    Header causedBy = record.headers().lastHeader(KafkaOutbox.CAUSED_BY);
                    effects.seen(decision.id(), causedBy == null ? null : new String(causedBy.value(), StandardCharsets.UTF_8));
                    ledger.admit(decision);
                    boolean taken = inventory.targetsFor(decision.scope(), decision.tenants()).stream()
                            .anyMatch(t -> history.webhookDone(decision.id(), t.id(), DrainWebhook.webhookId(decision, t)));
                    if (taken) {
                        ledger.delivered(decision);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("event=replay_record_unreadable topic={} partition={} offset={}", record.topic(),
                            record.partition(), record.offset());
                }
            });
            LOG.info("event=ledger_replayed topic={} records={}", Topics.DECISIONS.name(), read);
        }
    }
}
