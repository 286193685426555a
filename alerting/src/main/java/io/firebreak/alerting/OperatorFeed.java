package io.firebreak.alerting;

import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code firebreak.operator.v1} on its own thread, so an action is applied at once even while the
 * delivery loop waits out a retry. On start the whole topic is replayed into the ledger (approvals,
 * vetoes, acknowledgements) without side effects; later actions are applied live.
 */
final class OperatorFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorFeed.class);
    private static final Duration POLL = Duration.ofMillis(300);

    private final KafkaConsumer<String, byte[]> consumer;
    private final SafetyRules rules;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean started;

    OperatorFeed(KafkaSettings kafka, String clientId, SafetyRules rules) {
        this.consumer = StartupReplay.assignedConsumer(kafka, Topics.OPERATOR.name(), clientId);
        this.rules = rules;
        this.thread = new Thread(this::run, "firebreak-alerting-operator");
        this.thread.setDaemon(true);
    }

    /** Replays the history into the ledger, on the caller's thread, before deliveries start. */
    void replay() {
        int replayed = StartupReplay.readToEnd(consumer, record -> apply(record, false));
        LOG.info("event=ledger_replayed topic={} records={}", Topics.OPERATOR.name(), replayed);
    }

    /** Applies every later action as it comes, on its own thread. */
    void follow() {
        started = true;
        thread.start();
    }

    private void run() {
        try {
            while (!stopping) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.value() != null) {
                        apply(record, true);
                    }
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.error("event=operator_feed_failed error=\"{}\"", e.getMessage(), e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record, boolean live) {
        try {
            OperatorAction action = Topics.OPERATOR.valueSerde().deserializer().deserialize(record.topic(), record.value());
            rules.apply(action, live);
        } catch (RuntimeException e) {
            LOG.error("event=operator_action_failed partition={} offset={} live={} error=\"{}\"",
                    record.partition(), record.offset(), live, e.getMessage());
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
