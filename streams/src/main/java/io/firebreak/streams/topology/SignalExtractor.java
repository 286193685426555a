package io.firebreak.streams.topology;

import io.firebreak.streams.Thresholds;
import io.firebreak.streams.rack.ModuleHistory;
import io.firebreak.streams.rack.ProbeHealth;
import io.firebreak.streams.rack.RackPeers;
import io.firebreak.streams.rack.ThermalAnalyzer;
import io.firebreak.streams.rack.VoltageAnalyzer;
import io.firebreak.streams.rack.VoltageLimits;
import io.firebreak.streams.room.Signal;
import io.firebreak.streams.sensor.DeviceSilence;
import io.firebreak.streams.sensor.GasTrack;
import io.firebreak.streams.sensor.RoomSensorRules;
import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.GatewayStatus;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.inventory.Room;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns readings (keyed by rack or room) into signals keyed by room. BMS samples go through the thermal
 * analysis with the module's history (a state store on the rack's partition) and the rack's peers (in
 * memory, seeded from the store, see {@link RackPeers}); every other reading goes through the room sensor rules, whose gas
 * tracks are a state store on the room's partition.
 */
public final class SignalExtractor implements Processor<String, Reading, String, Signal> {

    /**
     * Which lane an extractor serves: the battery path reads BMS samples from the readings topic (with the
     * module histories), the alarm lane reads everything else from the priority topic (with the gas tracks),
     * on tasks of its own so that no backlog of cell data delays it.
     */
    enum Input {
        BATTERY(DEVICES_SEEN),
        ALARMS(SENSORS_SEEN);

        private final String seen;

        Input(String seen) {
            this.seen = seen;
        }

        /** The store of when this lane last heard each of its devices ({@link DeviceSilence}). */
        String seenStore() {
            return seen;
        }

        /** True when this lane judges {@code reading}; the other lane judges the rest. */
        boolean judges(Reading reading) {
            return (reading.measurement() instanceof BmsSample) == (this == BATTERY);
        }
    }

    static final String MODULE_HISTORY = "module-history";
    /**
     * Per module its slow trend (one sample per {@link ModuleHistory#SLOW_STEP_MS}), which changes once a step:
     * kept apart from {@link #MODULE_HISTORY} so it is not re-written with every sample (issue 16).
     */
    static final String MODULE_TREND = "module-trend";
    /**
     * Module histories a task keeps as objects, the most recently sampled first: the stores hold every one as
     * bytes for recovery and are read only for a module not among these (about 5 KiB each with 4 probes).
     */
    static final int LIVE_MODULES = 10_000;
    /** Per sensor and gas: its baseline and vent run ({@link GasTrack}). */
    static final String GAS_HISTORY = "gas-history";
    /** Per BMS module, when the battery lane last heard it ({@link DeviceSilence}). */
    static final String DEVICES_SEEN = "devices-seen";
    /** Per room sensor and power device, when the alarm lane last heard it ({@link DeviceSilence}). */
    static final String SENSORS_SEEN = "sensors-seen";
    /** Time between two sweeps for silent devices (event time in replay, wall clock in live). */
    static final long SILENCE_SWEEP_MS = 5_000;
    /** Live mode: a partition that judged a reading within this much wall clock is current (silence may be judged). */
    static final long CURRENT_WITHIN_MS = 5_000;
    /** Event time between two liveness beacons of one room from one partition. */
    static final long HEARTBEAT_MS = 5_000;
    /** Stream time between two progress beacons of this partition to every room it has carried. */
    static final long PROGRESS_MS = 1_000;
    /** A sample stamped this far ahead of the wall clock is a device clock that is wrong, never evidence. */
    static final long FUTURE_LIMIT_MS = 5 * 60_000;
    /** A module whose history runs this far ahead of a new sample had a wrong clock: its history starts again. */
    static final long CLOCK_RESET_MS = 5 * 60_000;

    private final Thresholds thresholds;
    private final TimeMode mode;
    private final ThermalAnalyzer thermal;
    private final VoltageAnalyzer voltage;
    private final ProbeHealth probeHealth;
    private RoomSensorRules roomRules;
    private final VoltageLimits limits;
    /** Per module and hint, when it was last sent: hints go to the room at most once per beacon period. */
    private final Map<String, Long> lastHint = new HashMap<>();
    private ProcessorContext<String, Signal> context;
    private KeyValueStore<String, ModuleHistory> histories;
    private KeyValueStore<String, ModuleHistory> trends;
    /**
     * A module's history as this task last wrote it, and whether the trend store holds its trend: the stores are
     * the truth (restored from their changelogs after a crash, an aborted transaction or a move); this spares
     * reading and decoding them with every sample. Cleared whenever the task starts.
     */
    private record Live(ModuleHistory history, boolean trendStored) {
    }

    /**
     * The keys of a device's state and signals (each a string built of its address) and its cells' charge limit (from
     * its rack's chemistry), found once per device.
     */
    private record Keys(String room, String partition, String device, double chargeLimitV) {
    }

    /** Addresses seen lately and their keys: a site's devices are few and send every second. */
    private final Map<DeviceAddress, Keys> keys = new HashMap<>();

    private final Map<String, Live> live = new LinkedHashMap<>(1_024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Live> eldest) {
            return size() > LIVE_MODULES;
        }
    };
    private final RackPeers peers = new RackPeers();
    private final Map<String, Long> lastBeat = new HashMap<>();
    private final Map<String, Long> lastRackSummary = new HashMap<>();
    /** The rooms this partition has carried, as site and room: each gets this partition's progress. */
    private final Map<String, String[]> rooms = new HashMap<>();
    private long lastProgress = Long.MIN_VALUE;
    /** The newest event time of the readings this lane judges on this partition (the task's own stream time counts every record). */
    private long streamTime = Long.MIN_VALUE;
    private String partition = "readings";

    private DeviceSilence silence;
    private long lastSweep = Long.MIN_VALUE;
    /** Wall clock when this lane last judged a reading here (live mode: the partition is current). */
    private long lastJudgedWall = Long.MIN_VALUE;

    private final Input input;
    private final SiteInventory inventory;
    /** Which partitions feed each room; null when one partition per topic feeds every room. */
    private final RoomSources roomSources;
    private boolean roomsOfPartitionKnown;

    /**
     * {@code readingsPartitions}, {@code priorityPartitions}: the input topics' partition counts, from which this
     * partition knows every room it feeds (see {@link RoomSources}) and tells each how far it has got, whether or
     * not the room has spoken on it yet; 0 for a driver with one partition per topic, which feeds every room.
     */
    SignalExtractor(Thresholds thresholds, TimeMode mode, SiteInventory inventory, Input input, int readingsPartitions, int priorityPartitions) {
        this.input = input;
        this.inventory = inventory;
        this.roomSources = readingsPartitions > 0 && priorityPartitions > 0 ? new RoomSources(inventory, readingsPartitions, priorityPartitions) : null;
        this.thresholds = thresholds;
        this.limits = new VoltageLimits(thresholds.precursors(), inventory);
        this.mode = mode;
        this.thermal = new ThermalAnalyzer(thresholds);
        this.voltage = new VoltageAnalyzer(thresholds);
        this.probeHealth = new ProbeHealth(thresholds.precursors());
    }

    @Override
    public void init(ProcessorContext<String, Signal> context) {
        this.context = context;
        initSilence(context);
        if (input == Input.BATTERY) {
            this.histories = context.getStateStore(MODULE_HISTORY);
            this.trends = context.getStateStore(MODULE_TREND);
            // a task started again (after an aborted transaction, say) has its stores restored: what was in memory is not
            live.clear();
            return;
        }
        KeyValueStore<String, GasTrack> gas = context.getStateStore(GAS_HISTORY);
        this.roomRules = new RoomSensorRules(thresholds, new RoomSensorRules.Tracks() {
            @Override
            public GasTrack get(String key) {
                return gas.get(key);
            }

            @Override
            public void put(String key, GasTrack track) {
                gas.put(key, track);
            }
        });
    }

    @Override
    public void process(Record<String, Reading> record) {
        Reading reading = record.value();
        if (reading == null) {
            return;
        }
        context.recordMetadata().ifPresent(m -> partition = m.topic() + "-" + m.partition());
        if (!roomsOfPartitionKnown) {
            roomsOfPartitionKnown = true;
            // every room this partition feeds hears its progress from the start, not only once it has spoken here:
            // a room that falls silent is judged on the time of the partitions that feed it
            for (Room room : inventory.rooms()) {
                String roomKey = inventory.site() + "/" + room.id();
                if (roomSources == null || roomSources.of(roomKey).contains(partition)) {
                    rooms.putIfAbsent(roomKey, new String[] {inventory.site(), room.id()});
                }
            }
        }
        if (mode == TimeMode.LIVE && reading.ts() > context.currentSystemTimeMs() + FUTURE_LIMIT_MS) {
            // ingest refuses these (clock_skew); one that got here anyway must not poison the module's history
            return;
        }
        Keys device = keys(reading.source());
        if (input.judges(reading)) {
            // only this lane's readings say how far it has got: ingest writes the other lane's to the same
            // partitions from another producer, ahead of or behind this lane's, so they bound nothing here
            streamTime = Math.max(streamTime, reading.ts());
            List<Signal> signals = reading.measurement() instanceof BmsSample sample
                    ? thermal(reading, device, sample)
                    : roomRules.analyze(reading);
            for (Signal signal : signals) {
                context.forward(new Record<>(signal.roomKey(), signal.from(partition, streamTime), reading.ts()));
            }
            beat(reading, device, streamTime);
            heard(reading, device);
        }
        // the other lane's reading (the readings topic holds every reading) is judged there, but the rooms it
        // names are carried by this partition and hear how far this lane has got on it
        rooms.computeIfAbsent(device.room(), k -> new String[] {reading.source().site(), reading.source().room()});
        progress(streamTime, record.timestamp());
    }

    private void initSilence(ProcessorContext<String, Signal> context) {
        KeyValueStore<String, DeviceSilence.Seen> seen = context.getStateStore(input.seenStore());
        silence = new DeviceSilence(thresholds.silenceAfter().toMillis(), mode, new DeviceSilence.Store() {
            @Override
            public void put(String deviceId, DeviceSilence.Seen value) {
                seen.put(deviceId, value);
            }

            @Override
            public void delete(String deviceId) {
                seen.delete(deviceId);
            }

            @Override
            public Map<String, DeviceSilence.Seen> all() {
                Map<String, DeviceSilence.Seen> all = new HashMap<>();
                try (KeyValueIterator<String, DeviceSilence.Seen> it = seen.all()) {
                    it.forEachRemaining(entry -> all.put(entry.key, entry.value));
                }
                return all;
            }
        });
        silence.restore(context.currentSystemTimeMs());
        lastSweep = Long.MIN_VALUE;
        lastJudgedWall = Long.MIN_VALUE;
        if (mode == TimeMode.LIVE) {
            context.schedule(Duration.ofMillis(SILENCE_SWEEP_MS), PunctuationType.WALL_CLOCK_TIME, this::sweepLive);
        }
    }

    /** A sampled device was heard: the silence it ends; in replay, a sweep for silent devices once a step of event time. */
    private void heard(Reading reading, Keys device) {
        long wall = context.currentSystemTimeMs();
        lastJudgedWall = wall;
        if (DeviceSilence.sampled(reading.source())) {
            forward(silence.heard(device.device(), reading.source(), reading.ts(), wall));
        }
        long step = Math.floorDiv(streamTime, SILENCE_SWEEP_MS) * SILENCE_SWEEP_MS;
        if (mode == TimeMode.REPLAY && step > lastSweep) {
            lastSweep = step;
            forward(silence.sweep(streamTime, streamTime));
        }
    }

    /**
     * Live mode: devices silent on the wall clock, judged only while this partition is current (it judged a reading
     * within the last few seconds, and its readings are not behind real time): detection that lags, or a partition
     * whose every device stopped (the room's silence, judged by its decider), makes no silent devices.
     */
    private void sweepLive(long wall) {
        boolean current = lastJudgedWall != Long.MIN_VALUE && wall - lastJudgedWall <= CURRENT_WITHIN_MS
                && wall - streamTime < thresholds.silenceAfter().toMillis();
        if (current) {
            forward(silence.sweep(wall, streamTime));
        }
    }

    private void forward(List<Signal> signals) {
        for (Signal signal : signals) {
            context.forward(new Record<>(signal.roomKey(), signal.from(partition, streamTime), signal.evidence().ts()));
        }
    }

    /**
     * Tells every room this partition has carried how far it has got, at most once a second of stream time:
     * a room's decider acts on its events in event-time order once every partition feeding it has passed them.
     */
    private void progress(long streamTime, long ts) {
        if (streamTime == Long.MIN_VALUE || lastProgress != Long.MIN_VALUE && streamTime - lastProgress < PROGRESS_MS) {
            return;
        }
        lastProgress = streamTime;
        for (Map.Entry<String, String[]> room : rooms.entrySet()) {
            context.forward(new Record<>(room.getKey(), Signal.progress(room.getValue()[0], room.getValue()[1], partition, streamTime), ts));
        }
    }

    /**
     * Tells the room's decider, at most every few seconds of event time, that the room is still talking:
     * a room's racks sit on several partitions, so only the decider sees the whole room. A gateway's own
     * status is no sign of life from the room's sensors.
     */
    private void beat(Reading reading, Keys device, long streamTime) {
        if (reading.measurement() instanceof GatewayStatus) {
            return;
        }
        String roomKey = device.room();
        Long last = lastBeat.get(roomKey);
        if (last == null || reading.ts() - last >= HEARTBEAT_MS || reading.ts() < last) {
            lastBeat.put(roomKey, reading.ts());
            Signal beat = Signal.heartbeat(reading.source().site(), reading.source().room(), device.partition(), reading.ts());
            context.forward(new Record<>(roomKey, beat.from(partition, streamTime), reading.ts()));
        }
    }

    private List<Signal> thermal(Reading reading, Keys device, BmsSample sample) {
        String moduleKey = device.device();
        Live before = module(moduleKey);
        ModuleHistory history = before == null ? null : before.history();
        if (history == null || history.latestTs() - reading.ts() > CLOCK_RESET_MS) {
            // new, or its history was stamped by a clock that ran ahead and has since been put right
            history = ModuleHistory.empty(sample.cellT().size());
        }
        long keepAfter = reading.ts() - thresholds.riseWindow().toMillis() - 5_000;
        double[] volts = VoltageAnalyzer.sortedPresent(sample.cellV());
        history = voltage.updateRuns(history.append(reading.ts(), sample.cellT(), keepAfter), sample.cellV(), volts,
                device.chargeLimitV());
        store(moduleKey, history, before);

        String rack = device.partition();
        if (!peers.knows(rack)) {
            seedPeers(rack, moduleKey);
        }
        double rackMedian = peers.update(rack, reading.source().device(), sample.cellT(), reading.ts());
        int collapsed = voltage.collapsedCell(sample.cellV(), volts);
        List<Signal> signals = new ArrayList<>(thermal.analyze(reading, sample, history, rackMedian, collapsed));
        signals.addAll(voltage.analyze(reading, sample.cellV(), volts, history, collapsed));
        signals.addAll(probeHealth.analyze(reading, sample, history));
        signals.removeIf(s -> s.isHint() && !hintDue(moduleKey, s, reading.ts()));
        rackSummary(reading, rack, rackMedian, signals);
        return signals;
    }

    private Keys keys(DeviceAddress source) {
        Keys known = keys.get(source);
        if (known == null) {
            if (keys.size() >= 4 * LIVE_MODULES) {
                keys.clear();
            }
            known = new Keys(source.roomKey(), source.partitionKey(), source.deviceId(),
                    source.rack() == null ? Double.NaN : limits.chargeLimit(source));
            keys.put(source, known);
        }
        return known;
    }

    /** The module's history: as this task last wrote it, else from the stores; null when it has none. */
    private Live module(String moduleKey) {
        Live known = live.get(moduleKey);
        if (known != null) {
            return known;
        }
        ModuleHistory recent = histories.get(moduleKey);
        if (recent == null) {
            return null;
        }
        ModuleHistory trend = trends.get(moduleKey);
        // a history written whole (before the trend had a store of its own) holds its trend itself
        return new Live(recent.withTrend(trend), trend != null && trend.probes() == recent.probes());
    }

    /** Writes the module's recent samples with every sample, its trend only when it has changed (once a step). */
    private void store(String moduleKey, ModuleHistory history, Live before) {
        histories.put(moduleKey, history.recent());
        if (before == null || !before.trendStored() || !history.sameTrend(before.history())) {
            trends.put(moduleKey, history.trend());
        }
        live.put(moduleKey, new Live(history, true));
    }

    @Override
    public void close() {
        live.clear();
    }

    /**
     * The first sample of a rack this task has not met (a restart, a partition moved here): its modules'
     * newest samples from the store, so the rack's median is what the previous owner had.
     */
    private void seedPeers(String rack, String moduleKey) {
        String prefix = moduleKey.substring(0, moduleKey.lastIndexOf('/') + 1);
        Map<String, ModuleHistory> modules = new HashMap<>();
        try (KeyValueIterator<String, ModuleHistory> it = histories.prefixScan(prefix, new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, ModuleHistory> entry = it.next();
                modules.put(entry.key.substring(prefix.length()), entry.value);
            }
        }
        peers.seed(rack, modules);
    }

    /** True when {@code hint} of module {@code moduleKey} has not been sent within the last beacon period. */
    private boolean hintDue(String moduleKey, Signal hint, long ts) {
        String key = moduleKey + "|" + hint.evidence().signal();
        Long last = lastHint.get(key);
        if (last != null && ts - last < HEARTBEAT_MS && ts >= last) {
            return false;
        }
        lastHint.put(key, ts);
        return true;
    }

    /**
     * Every few seconds of event time, the rack's median probe temperature for its room's decider, which
     * alone sees all the room's racks (they sit on several partitions) and so can tell one rack warming
     * (an overcharge, a fire next to it) from the whole room warming (HVAC, a discharge).
     */
    private void rackSummary(Reading reading, String rack, double rackMedian, List<Signal> signals) {
        Long last = lastRackSummary.get(rack);
        if (Double.isNaN(rackMedian) || last != null && reading.ts() - last < HEARTBEAT_MS && reading.ts() >= last) {
            return;
        }
        lastRackSummary.put(rack, reading.ts());
        signals.add(Signal.rackTemperature(reading.source().site(), reading.source().room(), reading.source().rack(),
                rackMedian, reading.ts()));
    }
}
