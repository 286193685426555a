package io.firebreak.dashboards;

import io.firebreak.telemetry.contract.DeadLetter;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DeliveryAttempt;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.kafka.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.serialization.Deserializer;
import org.influxdb.dto.BatchPoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes one poll's records and maps them into one {@link BatchPoints}. A record that cannot be
 * decoded is logged with its topic, partition and offset and counted as skipped; it never stops the
 * sink (the topics' producers already validated it, so this is a bug to look at, not data to retry).
 * Readings and alerts also update the rooms' current state ({@link RoomStates}).
 */
final class BatchAssembler {

    private static final Logger LOG = LoggerFactory.getLogger(BatchAssembler.class);

    private final String database;
    private final Deserializer<Reading> readings = Topics.READINGS.valueSerde().deserializer();
    private final Deserializer<Alert> alerts = Topics.ALERTS.valueSerde().deserializer();
    private final Deserializer<DrainDecision> decisions = Topics.DECISIONS.valueSerde().deserializer();
    private final Deserializer<DeadLetter> deadLetters = Topics.DEAD_LETTERS.valueSerde().deserializer();
    private final Deserializer<DeliveryAttempt> deliveries = Topics.AUDIT.valueSerde().deserializer();
    private final Deserializer<OperatorAction> operatorActions = Topics.OPERATOR.valueSerde().deserializer();
    private final RoomStates rooms;
    private final LongSupplier clock;

    /** The batch of a poll and how many of its records gave no point. */
    record Assembled(BatchPoints batch, int skipped) {
    }

    BatchAssembler(String database) {
        this(database, new RoomStates(), System::currentTimeMillis);
    }

    BatchAssembler(String database, RoomStates rooms, LongSupplier clock) {
        this.database = database;
        this.rooms = rooms;
        this.clock = clock;
    }

    Assembled assemble(ConsumerRecords<byte[], byte[]> records) {
        BatchPoints batch = BatchPoints.database(database).precision(TimeUnit.MILLISECONDS).build();
        int skipped = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            List<SeriesPoint> points = toPoints(record);
            if (points.isEmpty()) {
                skipped++;
            }
            points.forEach(point -> batch.point(point.toPoint()));
        }
        return new Assembled(batch, skipped);
    }

    private List<SeriesPoint> toPoints(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return List.of();
        }
        String topic = record.topic();
        try {
            List<SeriesPoint> points = new ArrayList<>(1);
            if (topic.equals(Topics.READINGS.name())) {
                Reading reading = readings.deserialize(topic, record.value());
                rooms.onReading(reading, clock.getAsLong());
                Optional<SeriesPoint> point = PointMapper.map(reading);
                point.ifPresent(points::add);
            } else if (topic.equals(Topics.ALERTS.name())) {
                Alert alert = alerts.deserialize(topic, record.value());
                rooms.onAlert(alert);
                points.add(PointMapper.map(alert));
            } else if (topic.equals(Topics.DECISIONS.name())) {
                points.add(PointMapper.map(decisions.deserialize(topic, record.value())));
            } else if (topic.equals(Topics.DEAD_LETTERS.name())) {
                points.add(PointMapper.map(deadLetters.deserialize(topic, record.value())));
            } else if (topic.equals(Topics.AUDIT.name())) {
                points.add(PointMapper.map(deliveries.deserialize(topic, record.value())));
            } else if (topic.equals(Topics.OPERATOR.name())) {
                points.add(PointMapper.map(operatorActions.deserialize(topic, record.value())));
            }
            return points;
        } catch (RuntimeException e) {
            LOG.warn("event=record_undecodable topic={} partition={} offset={} error=\"{}\"",
                    topic, record.partition(), record.offset(), e.getMessage());
            return List.of();
        }
    }
}
