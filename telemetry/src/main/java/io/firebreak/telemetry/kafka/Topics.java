package io.firebreak.telemetry.kafka;

import io.firebreak.telemetry.contract.DeadLetter;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DeliveryAttempt;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.OperatorAction;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Firebreak's Kafka topics. Readings are keyed by rack (BMS) or room (everything else); alerts and
 * decisions by room, so everything about one rack or room stays ordered in one partition.
 */
public final class Topics {

    /**
     * Valid readings from MQTT, keyed by {@code DeviceAddress.partitionKey()}. The same JSON as the other
     * topics' databind serdes, written and read by a streaming codec: readings are the bulk of the traffic.
     */
    public static final TopicDescriptor<String, Reading> READINGS =
            new TopicDescriptor<>("firebreak.readings.v1", Serdes.String(), new ReadingSerde());

    /**
     * The alarm lane (issue 16): a copy of every reading from a fire panel, room sensor, power device or
     * gateway, keyed by room, written by ingest's alarm lane beside the same reading on {@link #READINGS}.
     * Detection reads room-level readings from here only, on tasks of their own, so no backlog of battery
     * data on the readings topic can delay an alarm; everything else (dashboards, recovery) reads
     * {@link #READINGS}, which holds every reading once.
     */
    public static final TopicDescriptor<String, Reading> PRIORITY =
            new TopicDescriptor<>("firebreak.priority.v1", Serdes.String(), new ReadingSerde());

    /**
     * Detection's battery signals (issue 16), keyed by room: what the battery part of detection finds in the BMS
     * samples, on its way to the rooms' deciders, which run as a Kafka Streams application of their own so that a
     * backlog of cell data never shares their thread. Detection's own JSON, read by detection only.
     */
    public static final TopicDescriptor<String, byte[]> SIGNALS =
            new TopicDescriptor<>("firebreak.signals.v1", Serdes.String(), Serdes.ByteArray());

    /** Rejected messages and rejected values, keyed by the original MQTT topic. */
    public static final TopicDescriptor<String, DeadLetter> DEAD_LETTERS =
            new TopicDescriptor<>("firebreak.deadletters.v1", Serdes.String(), new JsonSerde<>(DeadLetter.class));

    /** Risk-level changes with their evidence, keyed by room ({@code site/room}). */
    public static final TopicDescriptor<String, Alert> ALERTS =
            new TopicDescriptor<>("firebreak.alerts.v1", Serdes.String(), new JsonSerde<>(Alert.class));

    /** Drain requests and releases, keyed by room ({@code site/room}). */
    public static final TopicDescriptor<String, DrainDecision> DECISIONS =
            new TopicDescriptor<>("firebreak.decisions.v1", Serdes.String(), new JsonSerde<>(DrainDecision.class));

    /** Operator actions (ack, approve, veto, release), keyed by room ({@code site/room}). */
    public static final TopicDescriptor<String, OperatorAction> OPERATOR =
            new TopicDescriptor<>("firebreak.operator.v1", Serdes.String(), new JsonSerde<>(OperatorAction.class));

    /** Every webhook and page delivery attempt with its answer, keyed by room ({@code site/room}). */
    public static final TopicDescriptor<String, DeliveryAttempt> AUDIT =
            new TopicDescriptor<>("firebreak.audit.v1", Serdes.String(), new JsonSerde<>(DeliveryAttempt.class));

    /** Every topic the services exchange records on. */
    public static final List<TopicDescriptor<String, ?>> ALL =
            List.of(READINGS, PRIORITY, SIGNALS, DEAD_LETTERS, ALERTS, DECISIONS, OPERATOR, AUDIT);

    private Topics() {
    }
}
