package io.firebreak.alerting;

import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code firebreak.operator.v1} on its own thread, so an action is applied at once even while the
 * delivery loop waits out a retry. On start the whole topic is replayed into the ledger (approvals,
 * vetoes, acknowledgements) without side effects; the effects a crash left undone are then carried out by
 * {@link SafetyRules#reconcile}, once the rest of the state is rebuilt. Later actions are applied live.
 */
final class OperatorFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorFeed.class);
    private static final Duration POLL = Duration.ofMillis(300);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final KafkaConsumer<String, byte[]> consumer;
    private final SafetyRules rules;
    private final TopicFollower follower;

    OperatorFeed(KafkaSettings kafka, String clientId, SafetyRules rules) {
        this.consumer = StartupReplay.assignedConsumer(kafka, Topics.OPERATOR.name(), clientId);
        this.rules = rules;
        this.follower = new TopicFollower(consumer, "operator_feed", POLL, FIRST_BACKOFF, MAX_BACKOFF, records -> {
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.value() != null) {
                    apply(record, true);
                }
            }
        });
    }

    /**
     * Replays the history into the ledger, on the caller's thread, before deliveries start; returns the actions
     * replayed, in topic order, for {@link SafetyRules#reconcile} to carry out what a crash left undone.
     */
    List<OperatorAction> replay() {
        List<OperatorAction> actions = new ArrayList<>();
        int replayed = StartupReplay.readToEnd(consumer, record -> apply(record, false).ifPresent(actions::add));
        LOG.info("event=ledger_replayed topic={} records={}", Topics.OPERATOR.name(), replayed);
        return actions;
    }

    /** Applies every later action as it comes, on its own thread. */
    void follow() {
        follower.start();
    }

    /** True while the feed follows the topic. */
    boolean running() {
        return follower.running();
    }

    /** Polls that failed and were retried since start. */
    long failures() {
        return follower.failures();
    }

    private Optional<OperatorAction> apply(ConsumerRecord<String, byte[]> record, boolean live) {
        try {
            OperatorAction action = Topics.OPERATOR.valueSerde().deserializer().deserialize(record.topic(), record.value());
            rules.apply(action, live);
            return Optional.of(action);
        } catch (RuntimeException e) {
            LOG.error("event=operator_action_failed partition={} offset={} live={} error=\"{}\"",
                    record.partition(), record.offset(), live, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        follower.close();
    }
}
