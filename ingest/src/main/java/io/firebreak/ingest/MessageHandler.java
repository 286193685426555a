package io.firebreak.ingest;

import io.firebreak.telemetry.contract.ContractParser;
import io.firebreak.telemetry.contract.DeadLetter;
import io.firebreak.telemetry.contract.ParseOutcome;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one MQTT message into Kafka records and acknowledges the message only once Kafka has acknowledged
 * every record made from it: a valid reading goes to {@link Topics#READINGS} keyed by rack or room, every
 * rejection to {@link Topics#DEAD_LETTERS} keyed by the MQTT topic. A message Kafka did not take stays
 * unacknowledged, so the broker redelivers it after the next reconnect; nothing is dropped on the way.
 * A repeated {@code seq} is counted and acknowledged without forwarding anything.
 *
 * <p>Called from one thread at a time (ingest's forwarder thread); acknowledgements come from Kafka's
 * producer thread.
 */
final class MessageHandler {

    /** Acknowledges one MQTT message to the broker (PUBACK for QoS 1). */
    @FunctionalInterface
    interface Acknowledger {
        void ack(int messageId, int qos);
    }

    private static final Logger LOG = LoggerFactory.getLogger(MessageHandler.class);

    private final ContractParser parser;
    private final TimeMode timeMode;
    private final long stalenessMillis;
    private final Producer<String, byte[]> producer;
    private final SeqTracker<CompletableFuture<Boolean>> seqTracker;
    private final IngestCounters counters;
    private final Clock clock;
    private final Acknowledger acknowledger;
    private final Runnable onUnacknowledged;
    private final Admission admission;
    private final java.util.Set<String> knownRooms;
    private final AtomicBoolean kafkaFailing = new AtomicBoolean();

    MessageHandler(IngestConfig config, Producer<String, byte[]> producer, SeqTracker<CompletableFuture<Boolean>> seqTracker, IngestCounters counters,
                   Clock clock, Acknowledger acknowledger, Runnable onUnacknowledged) {
        this(config, producer, seqTracker, counters, clock, acknowledger, onUnacknowledged,
                new UnknownDevices(config.admission().inventory() == null ? "-" : config.admission().inventory().site(), alert -> { }));
    }

    MessageHandler(IngestConfig config, Producer<String, byte[]> producer, SeqTracker<CompletableFuture<Boolean>> seqTracker, IngestCounters counters,
                   Clock clock, Acknowledger acknowledger, Runnable onUnacknowledged, UnknownDevices unknownDevices) {
        // live: a ts far ahead of the time received is a device clock that runs ahead (dead letter clock_skew);
        // replay: recordings and simulations published fast run ahead of the wall clock by design
        this.parser = config.timeMode() == TimeMode.LIVE ? new ContractParser(config.layout(), config.clockSkew())
                : new ContractParser(config.layout());
        this.timeMode = config.timeMode();
        this.stalenessMillis = config.staleness().toMillis();
        this.producer = producer;
        this.seqTracker = seqTracker;
        this.counters = counters;
        this.clock = clock;
        this.acknowledger = acknowledger;
        this.onUnacknowledged = onUnacknowledged;
        this.admission = new Admission(config.admission(), config.timeMode(), unknownDevices);
        this.knownRooms = config.admission().inventory() == null ? java.util.Set.of()
                : config.admission().inventory().rooms().stream().map(io.firebreak.telemetry.inventory.Room::id)
                        .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Handles one message published while subscribed; see {@link #handle(String, int, int, byte[], boolean)}. */
    void handle(String topic, int messageId, int qos, byte[] payload) {
        handle(topic, messageId, qos, payload, false);
    }

    /**
     * Handles one message; never throws: a message that cannot be handled stays unacknowledged.
     * {@code retained}: the broker's stored copy of an earlier message, sent because the subscription is new.
     * Its reading is forwarded as historical: it is the broker's memory of a device's last state (old in live
     * mode; in a replay possibly from a later point of a previous run), not telemetry of the present, so it is
     * shown but never judged and never moves detection's event time.
     */
    void handle(String topic, int messageId, int qos, byte[] payload, boolean retained) {
        try {
            forward(topic, messageId, qos, payload, retained);
        } catch (RuntimeException e) {
            // a bug, not bad input (the parser turns every bad input into a dead letter)
            LOG.error("event=message_handling_failed topic={} error={}", topic, e.toString(), e);
            counters.sendFailures.increment();
            counters.done();
            onUnacknowledged.run();
        }
    }

    /** Acknowledges to the broker; the message is then no longer in flight. */
    private void acknowledge(int messageId, int qos) {
        counters.done();
        acknowledger.ack(messageId, qos);
    }

    private void forward(String topic, int messageId, int qos, byte[] payload, boolean retained) {
        long now = clock.millis();
        Admission.Result admitted = admission.admit(parser.parse(topic, payload, now), topic, payload, now);
        if (admitted.refused() != null) {
            counters.unknownDevice(admitted.refused(), knownRooms);
        }
        if (admitted.outcome() == null) {
            counters.dropped(admitted.dropped());
            acknowledge(messageId, qos);
            return;
        }
        ParseOutcome outcome = admitted.outcome();
        Optional<Reading> reading = outcome.reading();
        Optional<String> sequencedDevice = reading.filter(r -> r.seq() != null).map(r -> r.source().deviceId());
        CompletableFuture<Boolean> forwarded = new CompletableFuture<>();
        if (sequencedDevice.isPresent()) {
            SeqTracker.Verdict<CompletableFuture<Boolean>> verdict =
                    seqTracker.observe(sequencedDevice.get(), reading.get().seq(), forwarded);
            counters.gaps.add(verdict.skipped());
            if (verdict.duplicate()) {
                counters.duplicates.increment();
                // a redelivered copy may overtake its original: acknowledge it only once the device's latest
                // message is safely in Kafka, else the broker would forget a message that never got there
                verdict.latest().thenAccept(safe -> {
                    if (safe) {
                        acknowledge(messageId, qos);
                    } else {
                        counters.done(); // left to the broker, which redelivers it
                    }
                });
                return;
            }
        }
        List<Outgoing> records = new ArrayList<>();
        reading.map(r -> retained ? r.asHistorical() : markStale(r)).ifPresent(r -> {
            byte[] value = Topics.READINGS.valueSerde().serializer().serialize(Topics.READINGS.name(), r);
            records.add(new Outgoing(new ProducerRecord<>(Topics.READINGS.name(), r.source().partitionKey(), value), null, false));
            if (!(r.measurement() instanceof io.firebreak.telemetry.contract.BmsSample)) {
                // an alarm-lane reading, whichever lane forwarded it: detection judges it from the priority topic
                records.add(new Outgoing(new ProducerRecord<>(Topics.PRIORITY.name(), r.source().partitionKey(), value), null, true));
            }
        });
        for (DeadLetter letter : outcome.deadLetters()) {
            records.add(new Outgoing(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), letter.originalTopic(),
                    Topics.DEAD_LETTERS.valueSerde().serializer().serialize(Topics.DEAD_LETTERS.name(), letter)), letter, false));
        }
        send(records, new Delivery(messageId, qos, sequencedDevice, reading.map(Reading::seq).orElse(null), records.size(), forwarded));
    }

    /** One record to send; {@code deadLetter} is null for a reading; {@code copy}: the priority topic's copy of one. */
    private record Outgoing(ProducerRecord<String, byte[]> record, DeadLetter deadLetter, boolean copy) {
    }

    private Reading markStale(Reading reading) {
        boolean late = timeMode == TimeMode.LIVE && reading.receivedAt() - reading.ts() > stalenessMillis;
        return late ? reading.asHistorical() : reading;
    }

    private void send(List<Outgoing> records, Delivery delivery) {
        for (Outgoing outgoing : records) {
            long sentAt = System.nanoTime();
            try {
                producer.send(outgoing.record(), (metadata, error) -> {
                    counters.kafkaSend(System.nanoTime() - sentAt);
                    delivery.recordDone(error, outgoing.deadLetter(), outgoing.copy());
                });
            } catch (RuntimeException e) {
                // a closed producer or a full buffer: the message stays unacknowledged like any failed send
                delivery.recordDone(e, outgoing.deadLetter(), outgoing.copy());
            }
        }
    }

    /** Tracks the records made from one MQTT message until Kafka has answered for all of them. */
    private final class Delivery {
        private final int messageId;
        private final int qos;
        private final Optional<String> sequencedDevice;
        private final Long seq;
        private final AtomicInteger outstanding;
        private final AtomicBoolean failed = new AtomicBoolean();
        private final CompletableFuture<Boolean> outcome;

        Delivery(int messageId, int qos, Optional<String> sequencedDevice, Long seq, int records, CompletableFuture<Boolean> outcome) {
            this.messageId = messageId;
            this.qos = qos;
            this.sequencedDevice = sequencedDevice;
            this.seq = seq;
            this.outstanding = new AtomicInteger(records);
            this.outcome = outcome;
        }

        void recordDone(Exception error, DeadLetter deadLetter, boolean copy) {
            if (error != null) {
                failed.set(true);
                if (kafkaFailing.compareAndSet(false, true)) {
                    LOG.warn("event=kafka_send_failed topic_kind={} error={}", deadLetter == null ? "readings" : "dead_letters", error.toString());
                }
            } else {
                if (deadLetter == null) {
                    if (!copy) {
                        counters.forwarded.increment();
                    }
                } else {
                    counters.deadLettered(deadLetter);
                }
                if (kafkaFailing.compareAndSet(true, false)) {
                    LOG.info("event=kafka_send_recovered");
                }
            }
            if (outstanding.decrementAndGet() == 0) {
                complete();
            }
        }

        private void complete() {
            if (!failed.get()) {
                acknowledge(messageId, qos);
                outcome.complete(true);
                return;
            }
            // the redelivered copy must not be taken for a duplicate of this one
            sequencedDevice.ifPresent(device -> seqTracker.unmark(device, seq));
            counters.sendFailures.increment();
            counters.done();
            outcome.complete(false);
            onUnacknowledged.run();
        }
    }
}
