package io.firebreak.alerting;

import io.firebreak.telemetry.decision.DeliveryAttempt;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.TopicDescriptor;
import io.firebreak.telemetry.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What alerting writes to Kafka, through one idempotent {@code acks=all} producer: the audit of every
 * delivery attempt (asynchronous, flushed before offsets are committed), decisions alerting itself makes
 * (early drains, releases) and operator actions (both synchronous: the caller learns Kafka has them).
 * Everything is keyed by room, {@code site/room}.
 */
public final class KafkaOutbox implements AuditLog, AutoCloseable {

    /**
     * The record header naming the operator action ({@link OperatorAction#id()}) a decision on
     * {@code firebreak.decisions.v1} carries out, so a restart can tell an action whose effect is on Kafka from
     * one whose effect was lost in a crash ({@link OperatorEffects}).
     */
    public static final String CAUSED_BY = "firebreak-operator-action";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaOutbox.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final KafkaProducer<String, byte[]> producer;

    public KafkaOutbox(KafkaSettings kafka, String clientId) {
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void record(DeliveryAttempt attempt) {
        producer.send(record(Topics.AUDIT, attempt.site() + "/" + attempt.room(), attempt), (meta, e) -> {
            if (e != null) {
                LOG.warn("event=audit_not_written subject={} target={} attempt={} error=\"{}\"",
                        attempt.subject(), attempt.target(), attempt.attempt(), e.getMessage());
            }
        });
    }

    /** Puts a decision alerting made itself on {@code firebreak.decisions.v1}; returns once Kafka has it. */
    public void publish(DrainDecision decision) {
        await(producer.send(record(Topics.DECISIONS, decision.site() + "/" + decision.room(), decision)));
    }

    /** As {@link #publish(DrainDecision)}, for a decision that carries out operator action {@code actionId}. */
    public void publish(DrainDecision decision, String actionId) {
        ProducerRecord<String, byte[]> record = record(Topics.DECISIONS, decision.site() + "/" + decision.room(), decision);
        record.headers().add(CAUSED_BY, actionId.getBytes(StandardCharsets.UTF_8));
        await(producer.send(record));
    }

    /** Puts an operator action on {@code firebreak.operator.v1}; returns once Kafka has it. */
    public void publish(OperatorAction action) {
        await(producer.send(record(Topics.OPERATOR, action.site() + "/" + action.room(), action)));
    }

    /** Waits until everything sent so far (the audit included) is on Kafka. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private static <V> ProducerRecord<String, byte[]> record(TopicDescriptor<String, V> topic, String key, V value) {
        return new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value));
    }

    private static void await(java.util.concurrent.Future<?> sent) {
        try {
            sent.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the record: " + e.getMessage(), e);
        }
    }
}
