package io.firebreak.streams.topology;

import io.firebreak.streams.DetectionConfig;
import io.firebreak.streams.room.ClockFaults;
import io.firebreak.streams.room.RoomState;
import io.firebreak.streams.room.Signal;
import io.firebreak.streams.room.Verdict;
import io.firebreak.streams.sensor.DeviceSilence;
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
 * The detection topology, in two parts that run as Kafka Streams applications of their own (issue 16): the
 * battery part turns BMS samples (keyed by rack) into signals keyed by room on {@link Topics#SIGNALS}; the rooms
 * part turns the alarm lane's readings (keyed by room) into signals, and each room's decider turns both, with
 * the operators' releases, in event-time order, into alerts and drain decisions. A backlog of cell data thus
 * delays the battery part alone: the rooms part has a stream thread no cell sample reaches. Pure functions of
 * the configuration, so tests drive the whole ({@link #build(DetectionConfig)}) with {@code TopologyTestDriver}.
 */
public final class DetectionTopology {

    private static final List<String> BATTERY_TOPICS = List.of(Topics.READINGS.name());
    private static final List<String> ALARM_TOPICS = List.of(Topics.PRIORITY.name(), Topics.READINGS.name());
    /** How signals are written to {@link Topics#SIGNALS} and the alarm lane's repartition topic. */
    private static final JsonSerde<Signal> SIGNAL_SERDE = new JsonSerde<>(Signal.class);

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
     * The whole detector in one topology, for a driver that hands every record over in one order, as
     * {@code TopologyTestDriver} does (one partition per topic, each record processed as it is piped): the
     * battery part's signals reach the rooms part through {@link Topics#SIGNALS} as they do on Kafka, and the
     * rooms' deciders take the battery and alarm inputs as one ordered source instead of waiting for each on the
     * wall clock.
     */
    public static Topology build(DetectionConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        addBattery(builder, config, 0, 0);
        addRooms(builder, config, 0, 0, 0);
        return builder.build();
    }

    /**
     * The battery part, run as application {@link DetectionConfig#applicationId()}: BMS samples from the
     * readings topic, per rack (the {@code module-history} and {@code module-trend} stores), become signals keyed by room on
     * {@link Topics#SIGNALS}. It carries the bulk of the data and may fall behind under load; nothing in the
     * alarm lane waits for it. {@code readingsPartitions} and {@code priorityPartitions}: the partition counts of the
     * readings and priority topics, from which each partition knows the rooms it feeds (see {@link RoomSources}).
     */
    public static Topology battery(DetectionConfig config, int readingsPartitions, int priorityPartitions) {
        if (readingsPartitions < 1 || priorityPartitions < 1) {
            throw new IllegalArgumentException("readings and priority partitions: must be >= 1, were " + readingsPartitions + " and " + priorityPartitions);
        }
        StreamsBuilder builder = new StreamsBuilder();
        addBattery(builder, config, readingsPartitions, priorityPartitions);
        return builder.build();
    }

    /**
     * The rooms part, run as application {@link DetectionConfig#roomsApplicationId()} on a stream thread of its
     * own: the alarm lane (fire panels, room sensors, power and gateways from the priority topic, the
     * {@code gas-history} store), the operators' releases, clock faults, and every room's decider (the
     * {@code room-state} store) over the battery signals and the alarm lane's. {@code readingsPartitions} and
     * {@code priorityPartitions}: the partition counts of the readings and priority topics, from which each
     * room's decider knows the partitions that feed it (see {@link RoomSources}) and waits for them before it
     * first acts. {@code signalsPartitions}: the signals topic's, which the alarm lane's signals are re-keyed
     * into as well, so that both inputs of a room reach the same decider.
     */
    public static Topology rooms(DetectionConfig config, int readingsPartitions, int priorityPartitions, int signalsPartitions) {
        if (readingsPartitions < 1 || priorityPartitions < 1 || signalsPartitions < 1) {
            throw new IllegalArgumentException("readings, priority and signals partitions: must be >= 1, were " + readingsPartitions
                    + ", " + priorityPartitions + " and " + signalsPartitions);
        }
        StreamsBuilder builder = new StreamsBuilder();
        addRooms(builder, config, readingsPartitions, priorityPartitions, signalsPartitions);
        return builder.build();
    }

    private static void addBattery(StreamsBuilder builder, DetectionConfig config, int readingsPartitions, int priorityPartitions) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SignalExtractor.MODULE_HISTORY),
                Serdes.String(), StateSerdes.moduleHistory()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SignalExtractor.MODULE_TREND),
                Serdes.String(), StateSerdes.moduleHistory()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SignalExtractor.DEVICES_SEEN),
                Serdes.String(), DeviceSilence.serde()).withCachingEnabled());
        builder.stream(Topics.READINGS.name(),
                        Consumed.with(Topics.READINGS.keySerde(), Topics.READINGS.valueSerde())
                                .withTimestampExtractor(new ReadingTimestampExtractor())
                                .withName("readings"))
                // a backlog flushed long after the fact is shown on dashboards but never starts a drain
                .filterNot((key, reading) -> reading == null || reading.historical(), Named.as("drop-historical"))
                .process(() -> new SignalExtractor(config.thresholds(), config.timeMode(), config.inventory(), SignalExtractor.Input.BATTERY,
                                readingsPartitions, priorityPartitions),
                        Named.as("extract-signals"), SignalExtractor.MODULE_HISTORY, SignalExtractor.MODULE_TREND,
                        SignalExtractor.DEVICES_SEEN)
                // all signals of a room meet on one partition: the signals topic is keyed by room
                .to(Topics.SIGNALS.name(), Produced.with(Serdes.String(), SIGNAL_SERDE).withName("signals"));
    }

    private static void addRooms(StreamsBuilder builder, DetectionConfig config, int readingsPartitions, int priorityPartitions,
                                 int signalsPartitions) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SignalExtractor.GAS_HISTORY),
                Serdes.String(), StateSerdes.gasTrack()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SignalExtractor.SENSORS_SEEN),
                Serdes.String(), DeviceSilence.serde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RoomDecider.ROOM_STATE),
                Serdes.String(), new JsonSerde<>(RoomState.class)));

        KStream<String, Signal> battery = builder.stream(Topics.SIGNALS.name(),
                Consumed.with(Serdes.String(), SIGNAL_SERDE).withName("battery-signals"));

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

        // the alarm lane: fire panels, room sensors, power and gateways from the priority topic, with the
        // operators' releases and the clock faults, on this part's own thread (no battery backlog shares it)
        KStream<String, Signal> alarms = builder.stream(Topics.PRIORITY.name(),
                        Consumed.with(Topics.PRIORITY.keySerde(), Topics.PRIORITY.valueSerde())
                                .withTimestampExtractor(new ReadingTimestampExtractor())
                                .withName("priority"))
                .filterNot((key, reading) -> reading == null || reading.historical(), Named.as("drop-historical-alarms"))
                .process(() -> new SignalExtractor(config.thresholds(), config.timeMode(), config.inventory(), SignalExtractor.Input.ALARMS,
                                readingsPartitions, priorityPartitions),
                        Named.as("extract-alarm-signals"), SignalExtractor.GAS_HISTORY,
                        SignalExtractor.SENSORS_SEEN)
                .merge(releases, Named.as("with-releases"))
                .merge(clockFaults, Named.as("with-clock-faults"))
                .repartition(signalsPartitions > 0
                        ? Repartitioned.<String, Signal>as("alarm-signals-by-room").withKeySerde(Serdes.String())
                                .withValueSerde(SIGNAL_SERDE).withNumberOfPartitions(signalsPartitions)
                        : Repartitioned.<String, Signal>as("alarm-signals-by-room").withKeySerde(Serdes.String())
                                .withValueSerde(SIGNAL_SERDE));

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
    }
}
