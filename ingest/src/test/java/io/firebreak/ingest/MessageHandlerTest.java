package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.contract.DeadLetter;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class MessageHandlerTest {

    private static final long NOW = 1_665_814_800_000L;
    private static final String BMS_TOPIC = "dc/pangyo-a/B3/bms/R07/M03";

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    private final IngestCounters counters = new IngestCounters(registry);
    private final List<Integer> acked = new ArrayList<>();
    private final AtomicInteger redeliveryRequests = new AtomicInteger();

    private MessageHandler handler(TimeMode mode, Duration staleness) {
        IngestConfig config = IngestConfig.of("tcp://127.0.0.1:1883", "unit", KafkaSettings.local("127.0.0.1:9092"))
                .withTime(mode, staleness);
        return new MessageHandler(config, producer, new SeqTracker<>(16), counters,
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), (id, qos) -> acked.add(id),
                redeliveryRequests::incrementAndGet);
    }

    private static final io.firebreak.telemetry.inventory.SiteInventory PANGYO =
            new io.firebreak.telemetry.inventory.InventoryLoader(name -> null).loadResource("/inventory/pangyo.yaml");

    private MessageHandler guarded(DeviceAdmission admission, UnknownDevices unknown) {
        IngestConfig config = IngestConfig.of("tcp://127.0.0.1:1883", "unit", KafkaSettings.local("127.0.0.1:9092"))
                .withAdmission(admission);
        return new MessageHandler(config, producer, new SeqTracker<>(16), counters,
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), (id, qos) -> acked.add(id),
                redeliveryRequests::incrementAndGet, unknown);
    }

    private static DeadLetter deadLetterOf(ProducerRecord<String, byte[]> record) {
        return Topics.DEAD_LETTERS.valueSerde().deserializer().deserialize(record.topic(), record.value());
    }

    private static byte[] bms(long ts, long seq) {
        return ("{\"ts\":" + ts + ",\"seq\":" + seq + ",\"cell_v\":[3.31,3.30],\"cell_t\":[24.1]}").getBytes(StandardCharsets.UTF_8);
    }

    private static Reading readingOf(ProducerRecord<String, byte[]> record) {
        return Topics.READINGS.valueSerde().deserializer().deserialize(record.topic(), record.value());
    }

    @Test
    void shouldAckOnlyAfterKafkaAcknowledgedTheReading() {
        // Given
        MessageHandler handler = handler(TimeMode.LIVE, Duration.ofSeconds(30));

        // When
        handler.handle(BMS_TOPIC, 1, 1, bms(NOW, 1));

        // Then
        assertThat(acked).isEmpty();
        producer.completeNext();
        assertThat(acked).containsExactly(1);
        assertThat(producer.history()).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("firebreak.readings.v1");
            assertThat(r.key()).isEqualTo("pangyo-a/B3/R07");
        });
        assertThat(counters.snapshot().forwarded()).isEqualTo(1);
    }

    @Test
    void shouldWriteAPanelsReadingToTheReadingsAndPriorityTopicsAndAckOnlyOnceKafkaHasBoth() {
        // Given a handler (of either lane: a lane forwards the other's messages while that one is not subscribed)
        IngestConfig config = IngestConfig.of("tcp://127.0.0.1:1883", "unit", KafkaSettings.local("127.0.0.1:9092"))
                .withTime(TimeMode.LIVE, Duration.ofSeconds(30));
        MessageHandler handler = new MessageHandler(config, producer, new SeqTracker<>(16), counters,
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), (id, qos) -> acked.add(id),
                redeliveryRequests::incrementAndGet, new UnknownDevices("-", alert -> { }));

        // When a panel's alarm arrives
        handler.handle("dc/pangyo-a/B3/fire/fp-1", 7, 1, ("{\"ts\":" + NOW + ",\"seq\":1,\"event\":\"alarm\"}")
                .getBytes(StandardCharsets.UTF_8));

        // Then it goes to both topics, keyed by room, and the message is acknowledged once both are in Kafka
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly("firebreak.readings.v1", "firebreak.priority.v1");
        assertThat(producer.history()).extracting(ProducerRecord::key).containsOnly("pangyo-a/B3");
        producer.completeNext();
        assertThat(acked).as("one of two records in Kafka").isEmpty();
        producer.completeNext();
        assertThat(acked).containsExactly(7);
        assertThat(counters.snapshot().forwarded()).as("one reading, whatever its copies").isEqualTo(1);
    }

    @Test
    void shouldLeaveMessageUnackedAndAskForRedeliveryWhenKafkaFails() {
        // Given
        MessageHandler handler = handler(TimeMode.LIVE, Duration.ofSeconds(30));
        handler.handle(BMS_TOPIC, 1, 1, bms(NOW, 1));

        // When
        producer.errorNext(new TimeoutException("broker down"));

        // Then
        assertThat(acked).isEmpty();
        assertThat(redeliveryRequests).hasValue(1);
        assertThat(counters.snapshot().sendFailures()).isEqualTo(1);

        // and the redelivered copy is forwarded, not dropped as a duplicate
        handler.handle(BMS_TOPIC, 1, 1, bms(NOW, 1));
        producer.completeNext();
        assertThat(acked).containsExactly(1);
        assertThat(counters.snapshot().duplicates()).isZero();
    }

    @Test
    void shouldAckWithoutForwardingWhenSeqIsRepeated() {
        // Given
        MessageHandler handler = handler(TimeMode.LIVE, Duration.ofSeconds(30));
        handler.handle(BMS_TOPIC, 1, 1, bms(NOW, 5));
        producer.completeNext();

        // When
        handler.handle(BMS_TOPIC, 2, 1, bms(NOW, 5));

        // Then
        assertThat(acked).containsExactly(1, 2);
        assertThat(producer.history()).hasSize(1);
        assertThat(counters.snapshot().duplicates()).isEqualTo(1);
    }

    @Test
    void shouldAckRedeliveredCopyOnlyAfterOriginalIsInKafkaWhenOriginalIsStillInFlight() {
        // Given: the original is sent but Kafka has not answered yet
        MessageHandler handler = handler(TimeMode.LIVE, Duration.ofSeconds(30));
        handler.handle(BMS_TOPIC, 1, 1, bms(NOW, 5));

        // When: the broker redelivers it after a reconnect
        handler.handle(BMS_TOPIC, 1, 1, bms(NOW, 5));

        // Then
        assertThat(acked).isEmpty();
        producer.completeNext();
        assertThat(acked).containsExactly(1, 1);
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void shouldNotAckRedeliveredCopyWhenOriginalFailed() {
        // Given
        MessageHandler handler = handler(TimeMode.LIVE, Duration.ofSeconds(30));
        handler.handle(BMS_TOPIC, 1, 1, bms(NOW, 5));
        handler.handle(BMS_TOPIC, 1, 1, bms(NOW, 5));

        // When
        producer.errorNext(new TimeoutException("broker down"));

        // Then
        assertThat(acked).isEmpty();
    }

    @Test
    void shouldAckOnlyWhenReadingAndDeadLetterAreBothAcknowledgedWhenOneFieldIsBad() {
        // Given
        MessageHandler handler = handler(TimeMode.LIVE, Duration.ofSeconds(30));
        byte[] payload = ("{\"ts\":" + NOW + ",\"air_t\":\"warm\",\"rh\":41.0}").getBytes(StandardCharsets.UTF_8);

        // When
        handler.handle("dc/pangyo-a/B3/env/s1", 9, 1, payload);
        producer.completeNext();
        producer.completeNext();

        // Then
        assertThat(acked).isEmpty();
        producer.completeNext();
        assertThat(acked).containsExactly(9);
        assertThat(producer.history()).extracting(ProducerRecord::topic)
                .containsExactly("firebreak.readings.v1", "firebreak.priority.v1", "firebreak.deadletters.v1");
        assertThat(producer.history().get(2).key()).isEqualTo("dc/pangyo-a/B3/env/s1");
    }

    @Test
    void shouldMarkReadingHistoricalWhenLiveAndOlderThanStaleness() {
        // Given
        MessageHandler handler = handler(TimeMode.LIVE, Duration.ofSeconds(30));

        // When
        handler.handle(BMS_TOPIC, 1, 1, bms(NOW - 31_000, 1));
        handler.handle(BMS_TOPIC, 2, 1, bms(NOW - 29_000, 2));

        // Then
        assertThat(readingOf(producer.history().get(0)).historical()).isTrue();
        assertThat(readingOf(producer.history().get(1)).historical()).isFalse();
    }

    @Test
    void shouldNeverMarkHistoricalWhenReplaying() {
        // Given
        MessageHandler handler = handler(TimeMode.REPLAY, Duration.ofSeconds(30));

        // When
        handler.handle(BMS_TOPIC, 1, 1, bms(NOW - 3_600_000, 1));

        // Then
        assertThat(readingOf(producer.history().get(0)).historical()).isFalse();
    }

    @Test
    void shouldForwardTheBrokersRetainedCopyAsHistoricalInEitherTimeMode() {
        for (TimeMode mode : TimeMode.values()) {
            // Given: the broker still holds a gateway's status from a later point of an earlier run
            producer.clear();
            MessageHandler handler = handler(mode, Duration.ofSeconds(30));
            byte[] status = ("{\"ts\":" + (NOW + 300_000) + ",\"seq\":9,\"online\":false}").getBytes(StandardCharsets.UTF_8);

            // When it is sent because the subscription is new, then a message published while subscribed
            handler.handle("dc/pangyo-a/B3/gateway/gw1", 1, 1, status, true);
            handler.handle("dc/pangyo-a/B3/gateway/gw1", 2, 1, ("{\"ts\":" + NOW + ",\"seq\":10,\"online\":true}").getBytes(StandardCharsets.UTF_8), false);

            // Then both are kept (readings and priority topics), and only the published one is for detection to judge
            assertThat(producer.history()).as("%s", mode).hasSize(4);
            assertThat(producer.history().subList(0, 2)).as("%s: the retained copy", mode)
                    .allSatisfy(r -> assertThat(readingOf(r).historical()).isTrue());
            assertThat(producer.history().subList(2, 4)).as("%s: the published message", mode)
                    .allSatisfy(r -> assertThat(readingOf(r).historical()).isFalse());
        }
    }

    @Test
    void shouldCountSkippedSeqWhenDeviceJumps() {
        // Given
        MessageHandler handler = handler(TimeMode.LIVE, Duration.ofSeconds(30));

        // When
        handler.handle(BMS_TOPIC, 1, 1, bms(NOW, 1));
        handler.handle(BMS_TOPIC, 2, 1, bms(NOW, 4));

        // Then
        assertThat(counters.snapshot().gaps()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAReadingStampedNineHoursAheadInLiveModeAsAClockSkewDeadLetter() {
        // Given a gateway that sends Korean local time as UTC
        MessageHandler handler = handler(TimeMode.LIVE, Duration.ofSeconds(30));

        // When
        handler.handle(BMS_TOPIC, 1, 1, bms(NOW + 9 * 3_600_000L, 1));
        producer.completeNext();
        handler.handle(BMS_TOPIC, 2, 1, bms(NOW, 2));
        producer.completeNext();

        // Then the wrong clock is a dead letter, the true sample after it a reading, and both are acknowledged
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly("firebreak.deadletters.v1", "firebreak.readings.v1");
        DeadLetter letter = Topics.DEAD_LETTERS.valueSerde().deserializer().deserialize("t", producer.history().get(0).value());
        assertThat(letter.reason()).startsWith("clock_skew: ts ").contains("32400 s ahead");
        assertThat(RejectReason.of(letter)).isEqualTo(RejectReason.CLOCK_SKEW);
        assertThat(acked).containsExactly(1, 2);
    }

    @Test
    void shouldTakeAReadingAheadOfTheWallClockInReplayMode() {
        MessageHandler handler = handler(TimeMode.REPLAY, Duration.ofSeconds(30));

        handler.handle(BMS_TOPIC, 1, 1, bms(NOW + 3_600_000L, 1));
        producer.completeNext();

        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly("firebreak.readings.v1");
    }

    @Test
    void shouldDeadLetterAnAlarmFromAPanelTheInventoryDoesNotListAndForwardNoReading() {
        // Given the shipped inventory as the allow-list
        List<io.firebreak.telemetry.decision.Alert> pages = new ArrayList<>();
        UnknownDevices unknown = new UnknownDevices("pangyo-a", pages::add);
        MessageHandler handler = guarded(DeviceAdmission.of(PANGYO), unknown);

        // When a panel nobody listed sends an alarm
        handler.handle("dc/pangyo-a/B3-battery/fire/fp-forged", 1, 1,
                ("{\"ts\":" + NOW + ",\"event\":\"alarm\"}").getBytes(StandardCharsets.UTF_8));
        producer.completeNext();

        // Then it is one dead letter naming the device, acknowledged, never a reading
        assertThat(producer.history()).singleElement().satisfies(r -> assertThat(r.topic()).isEqualTo("firebreak.deadletters.v1"));
        DeadLetter letter = deadLetterOf(producer.history().get(0));
        assertThat(letter.reason()).isEqualTo("unknown_device: B3-battery/fire/fp-forged: fire panel 'fp-forged' is not in room B3-battery");
        assertThat(letter.originalTopic()).isEqualTo("dc/pangyo-a/B3-battery/fire/fp-forged");
        assertThat(RejectReason.of(letter)).isEqualTo(RejectReason.UNKNOWN_DEVICE);
        assertThat(acked).containsExactly(1);
        assertThat(counters.snapshot().forwarded()).isZero();
        assertThat(registry.get("firebreak.ingest.unknown.device").tag("room", "B3-battery").tag("kind", "fire").counter().count()).isEqualTo(1);
        unknown.flush(NOW + UnknownDevices.COLLECT.toMillis());
        assertThat(pages).singleElement().satisfies(page -> {
            assertThat(page.sensorFault()).isTrue();
            assertThat(page.summary()).contains("fire/fp-forged");
        });
    }

    @Test
    void shouldForwardAListedModuleAndRefuseOneWithMoreCellsThanTheInventoryGives() {
        MessageHandler handler = guarded(DeviceAdmission.of(PANGYO), new UnknownDevices("pangyo-a", a -> { }));
        String cells14 = String.join(",", java.util.Collections.nCopies(14, "3.3"));
        String cells15 = String.join(",", java.util.Collections.nCopies(15, "3.3"));

        handler.handle("dc/pangyo-a/B3-battery/bms/3E-1/M08", 1, 1,
                ("{\"ts\":" + NOW + ",\"cell_v\":[" + cells14 + "],\"cell_t\":[25,25,25,25]}").getBytes(StandardCharsets.UTF_8));
        handler.handle("dc/pangyo-a/B3-battery/bms/3E-1/M09", 2, 1,
                ("{\"ts\":" + NOW + ",\"cell_v\":[" + cells14 + "]}").getBytes(StandardCharsets.UTF_8));
        handler.handle("dc/pangyo-a/B3-battery/bms/3E-1/M01", 3, 1,
                ("{\"ts\":" + NOW + ",\"cell_v\":[" + cells15 + "]}").getBytes(StandardCharsets.UTF_8));

        assertThat(producer.history()).extracting(ProducerRecord::topic)
                .containsExactly("firebreak.readings.v1", "firebreak.deadletters.v1", "firebreak.deadletters.v1");
        assertThat(deadLetterOf(producer.history().get(1)).reason()).contains("module 'M09' is not one of rack 3E-1's 8 modules");
        assertThat(deadLetterOf(producer.history().get(2)).reason()).contains("15 cell voltages");
    }

    @Test
    void shouldThrottleAFloodingDeviceAndCountEveryMessageItDropped() {
        // Given a limit of 5 messages at once and a clock that stands still
        MessageHandler handler = guarded(new DeviceAdmission(PANGYO, 1, 5), new UnknownDevices("pangyo-a", a -> { }));

        // When one listed sensor sends 20 messages at once
        for (int i = 1; i <= 20; i++) {
            handler.handle("dc/pangyo-a/B3-battery/env/asd-b3-1", i, 1,
                    ("{\"ts\":" + NOW + ",\"seq\":" + i + ",\"smoke_pct_m\":0.001}").getBytes(StandardCharsets.UTF_8));
            while (producer.completeNext()) {
                // Kafka acknowledges at once
            }
        }

        // Then 5 are forwarded, one dead letter says the device was throttled, the other 14 are counted as dropped
        assertThat(producer.history()).extracting(ProducerRecord::topic).filteredOn("firebreak.readings.v1"::equals).hasSize(5);
        List<DeadLetter> letters = producer.history().stream().filter(r -> r.topic().equals("firebreak.deadletters.v1"))
                .map(MessageHandlerTest::deadLetterOf).toList();
        assertThat(letters).singleElement().satisfies(l -> assertThat(l.reason()).startsWith("rate_limited: "));
        assertThat(counters.snapshot().dropped()).isEqualTo(14);
        assertThat(acked).hasSize(20);
    }

    @Test
    void shouldReportAStallWhileMessagesWaitInFlightAndNoneIsFinished() {
        // Given counters on a clock the test moves, and a Kafka that does not answer
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        IngestCounters timed = new IngestCounters(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), nanos::get);
        IngestConfig config = IngestConfig.of("tcp://127.0.0.1:1883", "unit", KafkaSettings.local("127.0.0.1:9092"));
        MessageHandler handler = new MessageHandler(config, producer, new SeqTracker<>(16), timed,
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), (id, qos) -> acked.add(id), redeliveryRequests::incrementAndGet);

        // When a message is in flight for 90 s
        timed.inflight.incrementAndGet();
        handler.handle(BMS_TOPIC, 1, 1, bms(NOW, 1));
        nanos.addAndGet(Duration.ofSeconds(90).toNanos());

        // Then the stall shows; once Kafka answers it is gone
        assertThat(timed.stalledFor()).isEqualTo(Duration.ofSeconds(90));
        producer.completeNext();
        assertThat(timed.stalledFor()).isZero();
        assertThat(acked).containsExactly(1);
    }
}
