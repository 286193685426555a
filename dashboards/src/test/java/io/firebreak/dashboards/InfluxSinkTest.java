package io.firebreak.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.DeviceKind;
import io.firebreak.telemetry.contract.EnvSample;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sink's write/commit protocol against a MockConsumer and a writer that fails on purpose. */
class InfluxSinkTest {

    private static final TopicPartition READINGS_0 = new TopicPartition(Topics.READINGS.name(), 0);
    private static final TopicPartition READINGS_1 = new TopicPartition(Topics.READINGS.name(), 1);
    private static final TopicPartition ALERTS_0 = new TopicPartition(Topics.ALERTS.name(), 0);
    private static final Set<TopicPartition> PARTITIONS = Set.of(READINGS_0, READINGS_1, ALERTS_0);
    private static final SinkConfig CONFIG = new SinkConfig(KafkaSettings.local("unused:9092"), null, "http://unused:8086",
            null, null, null, 100, Duration.ofMillis(20));

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final List<Map<TopicPartition, OffsetAndMetadata>> committedWhileFailing = new CopyOnWriteArrayList<>();
    private InfluxSink sink;

    @AfterEach
    void closeSink() {
        if (sink != null) {
            sink.close();
        }
    }

    /** Fails {@code failures} times with a connection error, then stores every point it is given. */
    private Writer failingThenStoring(int failures, Runnable onFailure) {
        AtomicInteger calls = new AtomicInteger();
        return batch -> {
            if (calls.incrementAndGet() <= failures) {
                committedWhileFailing.add(consumer.committed(PARTITIONS));
                onFailure.run();
                throw new InfluxDBIOException(new IOException("Failed to connect to /127.0.0.1:8086"));
            }
            batch.getPoints().stream().map(Point::lineProtocol).forEach(written::add);
        };
    }

    private void assignAndAdd(List<ConsumerRecord<byte[], byte[]>> records) {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(PARTITIONS);
            consumer.updateBeginningOffsets(Map.of(READINGS_0, 0L, READINGS_1, 0L, ALERTS_0, 0L));
            records.forEach(consumer::addRecord);
        });
    }

    private static ConsumerRecord<byte[], byte[]> smoke(TopicPartition partition, long offset, String sensor) {
        Reading reading = new Reading(DeviceAddress.of("s", "r", DeviceKind.ENV, sensor), 1_000 + offset, offset, 2_000, false,
                new EnvSample(null, null, null, null, null, 0.01 * offset));
        byte[] value = Topics.READINGS.valueSerde().serializer().serialize(partition.topic(), reading);
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, null, value);
    }

    private static ConsumerRecord<byte[], byte[]> alert(long offset) {
        Alert alert = new Alert("alr-" + offset, "s", "r", RiskLevel.WATCH, RiskLevel.NORMAL, "smoke", List.of(), 3_000 + offset);
        byte[] value = Topics.ALERTS.valueSerde().serializer().serialize(ALERTS_0.topic(), alert);
        return new ConsumerRecord<>(ALERTS_0.topic(), 0, offset, null, value);
    }

    private Map<TopicPartition, Long> committedOffsets() {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(PARTITIONS);
        return Map.of(READINGS_0, committed.get(READINGS_0).offset(), READINGS_1, committed.get(READINGS_1).offset(),
                ALERTS_0, committed.get(ALERTS_0).offset());
    }

    @Test
    void shouldRetrySameBatchAndCommitOnlyAfterWriteWhenInfluxIsDown() {
        assignAndAdd(List.of(smoke(READINGS_0, 0, "a"), smoke(READINGS_0, 1, "a"), smoke(READINGS_1, 0, "b"), alert(0)));
        sink = new InfluxSink(CONFIG, consumer, failingThenStoring(4, () -> { }));

        sink.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.stats().batches() == 1 && !consumer.committed(PARTITIONS).isEmpty());
        assertThat(committedWhileFailing).hasSize(4).allSatisfy(committed -> assertThat(committed).isEmpty());
        assertThat(written).hasSize(4).doesNotHaveDuplicates();
        assertThat(committedOffsets()).isEqualTo(Map.of(READINGS_0, 2L, READINGS_1, 1L, ALERTS_0, 1L));
        assertThat(sink.stats()).isEqualTo(new SinkStats(4, 1, 4, 0, 0));
    }

    @Test
    void shouldWriteRecordsArrivingDuringRetryExactlyOnceWhenInfluxRecovers() {
        assignAndAdd(List.of(smoke(READINGS_0, 0, "a"), smoke(READINGS_1, 0, "b")));
        AtomicInteger nextOffset = new AtomicInteger(1);
        // while the first batch is failing, more records land on the paused partitions
        Runnable produceMore = () -> {
            int offset = nextOffset.getAndIncrement();
            consumer.addRecord(smoke(READINGS_0, offset, "a"));
            consumer.addRecord(smoke(READINGS_1, offset, "b"));
        };
        sink = new InfluxSink(CONFIG, consumer, failingThenStoring(3, produceMore));

        sink.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> written.size() >= 8
                && consumer.committed(PARTITIONS).getOrDefault(READINGS_0, new OffsetAndMetadata(0)).offset() == 4);
        assertThat(written).hasSize(8).doesNotHaveDuplicates();
        assertThat(committedWhileFailing).allSatisfy(committed -> assertThat(committed).isEmpty());
        assertThat(consumer.committed(PARTITIONS).get(READINGS_1).offset()).isEqualTo(4);
        assertThat(sink.stats().pointsWritten()).isEqualTo(8);
        assertThat(consumer.paused()).isEmpty();
    }

    @Test
    void shouldCommitNothingWhenClosedWhileInfluxIsDown() {
        assignAndAdd(List.of(smoke(READINGS_0, 0, "a")));
        sink = new InfluxSink(CONFIG, consumer, failingThenStoring(Integer.MAX_VALUE, () -> { }));
        sink.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.stats().writeFailures() >= 3);

        sink.close();

        assertThat(sink.state()).isEqualTo(InfluxSink.State.STOPPED);
        assertThat(consumer.closed()).isTrue();
        assertThat(written).isEmpty();
        assertThat(committedWhileFailing).allSatisfy(committed -> assertThat(committed).isEmpty());
    }

    @Test
    void shouldCommitAndCountWhenInfluxRejectsBatchAsBadData() {
        assignAndAdd(List.of(smoke(READINGS_0, 0, "a")));
        InfluxDBException conflict = InfluxDBException.buildExceptionForErrorState(
                "{\"error\":\"partial write: field type conflict: input field \\\"smoke_pct_m\\\" is type integer\"}");
        sink = new InfluxSink(CONFIG, consumer, batch -> {
            throw conflict;
        });

        sink.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.stats().rejectedBatches() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !consumer.committed(PARTITIONS).isEmpty());
        assertThat(consumer.committed(PARTITIONS).get(READINGS_0).offset()).isEqualTo(1);
        assertThat(sink.stats().writeFailures()).isZero();
    }

    @Test
    void shouldSkipAndCommitUndecodableRecordWhenOthersAreValid() {
        ConsumerRecord<byte[], byte[]> garbage = new ConsumerRecord<>(READINGS_0.topic(), 0, 1, null,
                "{not json".getBytes(StandardCharsets.UTF_8));
        assignAndAdd(List.of(smoke(READINGS_0, 0, "a"), garbage, smoke(READINGS_0, 2, "a")));
        sink = new InfluxSink(CONFIG, consumer, failingThenStoring(0, () -> { }));

        sink.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> !consumer.committed(PARTITIONS).isEmpty());
        assertThat(written).hasSize(2);
        assertThat(consumer.committed(PARTITIONS).get(READINGS_0).offset()).isEqualTo(3);
        assertThat(sink.stats().recordsSkipped()).isEqualTo(1);
    }

    @Test
    void shouldRecreateDatabaseWhenInfluxLostIt() {
        assignAndAdd(List.of(smoke(READINGS_0, 0, "a")));
        List<String> created = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        sink = new InfluxSink(CONFIG, consumer, new Writer() {
            @Override
            public void write(BatchPoints batch) {
                if (calls.incrementAndGet() == 1) {
                    throw InfluxDBException.buildExceptionForErrorState("{\"error\":\"database not found: \\\"firebreak\\\"\"}");
                }
                batch.getPoints().stream().map(Point::lineProtocol).forEach(written::add);
            }

            @Override
            public void ensureDatabase(String database) {
                created.add(database);
            }
        });

        sink.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 1);
        assertThat(created).containsExactly("firebreak", "firebreak");
    }

    @Test
    void shouldSetUpRetentionBeforeFirstWriteWhenInfluxWasDownAtStart() {
        assignAndAdd(List.of(smoke(READINGS_0, 0, "a")));
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicInteger ensures = new AtomicInteger();
        sink = new InfluxSink(CONFIG, consumer, new Writer() {
            @Override
            public void write(BatchPoints batch) {
                events.add("write");
                batch.getPoints().stream().map(Point::lineProtocol).forEach(written::add);
            }

            @Override
            public void ensureDatabase(String database) {
                if (ensures.incrementAndGet() == 1) {
                    throw new InfluxDBIOException(new IOException("Failed to connect to /127.0.0.1:8086"));
                }
            }

            @Override
            public void execute(String influxQl) {
                events.add(influxQl.substring(0, influxQl.indexOf(" \"")));
            }
        });

        sink.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 1);
        assertThat(events).containsExactly("CREATE RETENTION POLICY", "CREATE RETENTION POLICY", "CREATE CONTINUOUS QUERY",
                "CREATE CONTINUOUS QUERY", "CREATE CONTINUOUS QUERY", "write");
    }

    @Test
    void shouldCommitManuallyAndReadCommittedWhenConsumerIsConfigured() {
        java.util.Properties props = InfluxSink.consumerProperties(CONFIG);

        assertThat(props).containsEntry("group.id", "firebreak-sink").containsEntry("enable.auto.commit", "false")
                .containsEntry("auto.offset.reset", "earliest").containsEntry("isolation.level", "read_committed")
                .containsEntry("max.poll.records", "100").containsEntry("bootstrap.servers", "unused:9092");
        assertThat(InfluxSink.TOPICS).containsExactly(Topics.READINGS.name(), Topics.ALERTS.name(), Topics.DECISIONS.name(),
                Topics.DEAD_LETTERS.name(), Topics.AUDIT.name(), Topics.OPERATOR.name());
    }
}
