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
import org.apache.kafka.common.errors.WakeupException;
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
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean started;
    private volatile long failures;

    OperatorFeed(KafkaSettings kafka, String clientId, SafetyRules rules) {
        this.consumer = StartupReplay.assignedConsumer(kafka, Topics.OPERATOR.name(), clientId);
        this.rules = rules;
        this.thread = new Thread(this::run, "firebreak-alerting-operator");
        this.thread.setDaemon(true);
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
        started = true;
        thread.start();
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        try {
            while (!stopping) {
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        if (record.value() != null) {
                            apply(record, true);
                        }
                    }
                    backoff = FIRST_BACKOFF;
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // Kafka away longer than the client's timeouts: keep the position, wait, poll again
                    failures++;
                    LOG.error("event=operator_feed_failed retry_in_ms={} failures={} error=\"{}\"", backoff.toMillis(),
                            failures, e.getMessage());
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** True while the feed follows the topic. */
    boolean running() {
        return thread.isAlive();
    }

    /** Polls that failed and were retried since start. */
    long failures() {
        return failures;
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
        stopping = true;
        if (!started) {
            consumer.close(Duration.ofSeconds(2));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
