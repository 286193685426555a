package io.firebreak.streams;

import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.kafka.JsonSerde;
import io.firebreak.telemetry.kafka.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The detection topology: readings (keyed by rack or room) become signals, signals are re-keyed by room
 * (with the operators' releases), and each room's decider turns them, in event-time order, into alerts and
 * drain decisions. A pure function of its
 * configuration, so tests drive it with {@code TopologyTestDriver}.
 */
public final class DetectionTopology {

    private static final List<String> BATTERY_TOPICS = List.of(Topics.READINGS.name());
    private static final List<String> ALARM_TOPICS = List.of(Topics.PRIORITY.name(), Topics.READINGS.name());

    private DetectionTopology() {
    }

    /**
     * The topics ingest writes {@code reading} to, in the order it writes them, which is how a driver that feeds
     * detection directly (such as {@code TopologyTestDriver}) must feed it: a BMS sample to the readings topic;
     * every other reading (the alarm lane's) to the priority topic, which detection judges it from, and to the
     * readings topic, which holds every reading once for the dashboards and recovery.
     */
    public static List<String> topicsOf(Reading reading) {
        return reading.measurement() instanceof BmsSample ? BATTERY_TOPICS : ALARM_TOPICS;
    }

    /**
     * The topology for a driver that hands every record over in one order, as {@code TopologyTestDriver}
     * does (one partition per topic, each record processed as it is piped): the rooms' deciders take the
     * battery and alarm inputs as one ordered source instead of waiting for each on the wall clock.
     */
    public static Topology build(DetectionConfig config) {
        return build(config, 0, 0);
    }

    /** The topology for readings and priority topics of {@code partitions} partitions each. */
    public static Topology build(DetectionConfig config, int partitions) {
        return build(config, partitions, partitions);
    }

    /**
     * The topology for a readings topic of {@code readingsPartitions} partitions and a priority topic of
     * {@code priorityPartitions}: each room's decider waits for the partitions that feed it (see
     * {@link RoomSources}) before it first acts.
     */
    public static Topology build(DetectionConfig config, int readingsPartitions, int priorityPartitions) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SignalExtractor.MODULE_HISTORY),
                Serdes.String(), StateSerdes.moduleHistory()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SignalExtractor.GAS_HISTORY),
                Serdes.String(), StateSerdes.gasTrack()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RoomDecider.ROOM_STATE),
                Serdes.String(), new JsonSerde<>(RoomState.class)));

        KStream<String, Reading> readings = builder.stream(Topics.READINGS.name(),
                Consumed.with(Topics.READINGS.keySerde(), Topics.READINGS.valueSerde())
                        .withTimestampExtractor(new ReadingTimestampExtractor())
                        .withName("readings"));

        // an operator's release re-arms its room (keyed by room, as the signals are)
        KStream<String, Signal> releases = builder.stream(Topics.OPERATOR.name(),
                        Consumed.with(Topics.OPERATOR.keySerde(), Topics.OPERATOR.valueSerde()).withName("operator-actions"))
                .filter((room, action) -> action != null && OperatorAction.RELEASE.equals(action.action()), Named.as("releases"))
                .mapValues(action -> Signal.release(action.site(), action.room(), action.subject(), action.at()), Named.as("release-signal"));

        // a device whose clock runs ahead, refused by ingest: a sensor fault of that device for the facility
        KStream<String, Signal> clockFaults = builder.stream(Topics.DEAD_LETTERS.name(),
                        Consumed.with(Topics.DEAD_LETTERS.keySerde(), Topics.DEAD_LETTERS.valueSerde()).withName("dead-letters"))
                .flatMapValues(letter -> ClockFaults.of(letter).stream().toList(), Named.as("clock-faults"))
                .selectKey((topic, fault) -> fault.roomKey(), Named.as("clock-fault-by-room"));

        // the battery path: BMS samples, per rack, become signals keyed by room
        KStream<String, Signal> battery = readings
                // a backlog flushed long after the fact is shown on dashboards but never starts a drain
                .filterNot((key, reading) -> reading == null || reading.historical(), Named.as("drop-historical"))
                .process(() -> new SignalExtractor(config.thresholds(), config.timeMode(), config.inventory(), SignalExtractor.Input.BATTERY),
                        Named.as("extract-signals"), SignalExtractor.MODULE_HISTORY)
                .merge(clockFaults, Named.as("with-clock-faults"))
                // all signals of a room meet on one partition
                .repartition(Repartitioned.<String, Signal>as("signals-by-room")
                        .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde<>(Signal.class)));

        // the alarm lane: fire panels, room sensors, power and gateways from the priority topic, on tasks of
        // their own (a sub-topology no battery backlog shares), with the operators' releases
        KStream<String, Signal> alarms = builder.stream(Topics.PRIORITY.name(),
                        Consumed.with(Topics.PRIORITY.keySerde(), Topics.PRIORITY.valueSerde())
                                .withTimestampExtractor(new ReadingTimestampExtractor())
                                .withName("priority"))
                .filterNot((key, reading) -> reading == null || reading.historical(), Named.as("drop-historical-alarms"))
                .process(() -> new SignalExtractor(config.thresholds(), config.timeMode(), config.inventory(), SignalExtractor.Input.ALARMS),
                        Named.as("extract-alarm-signals"), SignalExtractor.GAS_HISTORY)
                .merge(releases, Named.as("with-releases"))
                .repartition(Repartitioned.<String, Signal>as("alarm-signals-by-room")
                        .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde<>(Signal.class)));

        battery.merge(alarms, Named.as("all-signals"))
                // per room: level, alerts and drain decisions
                .process(() -> new RoomDecider(config.inventory(), config.timeMode(), config.thresholds(), readingsPartitions, priorityPartitions), Named.as("decide-room"),
                        RoomDecider.ROOM_STATE)
                .split(Named.as("verdict-"))
                .branch((room, verdict) -> verdict.alert() != null, Branched.withConsumer(alerts -> alerts
                        .mapValues(Verdict::alert, Named.as("alert-of"))
                        .to(Topics.ALERTS.name(), Produced.with(Topics.ALERTS.keySerde(), Topics.ALERTS.valueSerde())
                                .withName("alerts")), "alerts"))
                .defaultBranch(Branched.withConsumer(decisions -> decisions
                        .mapValues(Verdict::decision, Named.as("decision-of"))
                        .to(Topics.DECISIONS.name(), Produced.with(Topics.DECISIONS.keySerde(), Topics.DECISIONS.valueSerde())
                                .withName("decisions")), "decisions"));
        return builder.build();
    }
}
