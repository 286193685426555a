package io.firebreak.streams;

import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.GatewayStatus;
import io.firebreak.telemetry.contract.Reading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns readings (keyed by rack or room) into signals keyed by room. BMS samples go through the thermal
 * analysis with the module's history (a state store on the rack's partition) and the rack's peers (in
 * memory, see {@link RackPeers}); every other reading goes through the room sensor rules.
 */
final class SignalExtractor implements Processor<String, Reading, String, Signal> {

    static final String MODULE_HISTORY = "module-history";
    /** Event time between two liveness beacons of one room from one partition. */
    static final long HEARTBEAT_MS = 5_000;

    private final Thresholds thresholds;
    private final ThermalAnalyzer thermal;
    private final VoltageAnalyzer voltage;
    private final ProbeHealth probeHealth;
    private final RoomSensorRules roomRules;
    private ProcessorContext<String, Signal> context;
    private KeyValueStore<String, ModuleHistory> histories;
    private final RackPeers peers = new RackPeers();
    private final Map<String, Long> lastBeat = new HashMap<>();
    private final Map<String, Long> lastRackSummary = new HashMap<>();

    SignalExtractor(Thresholds thresholds) {
        this.thresholds = thresholds;
        this.thermal = new ThermalAnalyzer(thresholds);
        this.voltage = new VoltageAnalyzer(thresholds);
        this.probeHealth = new ProbeHealth(thresholds.precursors());
        this.roomRules = new RoomSensorRules(thresholds);
    }

    @Override
    public void init(ProcessorContext<String, Signal> context) {
        this.context = context;
        this.histories = context.getStateStore(MODULE_HISTORY);
    }

    @Override
    public void process(Record<String, Reading> record) {
        Reading reading = record.value();
        if (reading == null) {
            return;
        }
        List<Signal> signals = reading.measurement() instanceof BmsSample sample
                ? thermal(reading, sample)
                : roomRules.analyze(reading);
        for (Signal signal : signals) {
            context.forward(new Record<>(signal.roomKey(), signal, reading.ts()));
        }
        beat(reading);
    }

    /**
     * Tells the room's decider, at most every few seconds of event time, that the room is still talking:
     * a room's racks sit on several partitions, so only the decider sees the whole room. A gateway's own
     * status is no sign of life from the room's sensors.
     */
    private void beat(Reading reading) {
        if (reading.measurement() instanceof GatewayStatus) {
            return;
        }
        String roomKey = reading.source().roomKey();
        Long last = lastBeat.get(roomKey);
        if (last == null || reading.ts() - last >= HEARTBEAT_MS || reading.ts() < last) {
            lastBeat.put(roomKey, reading.ts());
            Signal beat = Signal.heartbeat(reading.source().site(), reading.source().room(), reading.source().partitionKey(), reading.ts());
            context.forward(new Record<>(roomKey, beat, reading.ts()));
        }
    }

    private List<Signal> thermal(Reading reading, BmsSample sample) {
        String moduleKey = reading.source().deviceId();
        ModuleHistory history = histories.get(moduleKey);
        if (history == null) {
            history = ModuleHistory.empty(sample.cellT().size());
        }
        long keepAfter = reading.ts() - thresholds.riseWindow().toMillis() - 5_000;
        double[] volts = VoltageAnalyzer.sortedPresent(sample.cellV());
        history = voltage.updateRuns(history.append(reading.ts(), sample.cellT(), keepAfter), sample.cellV(), volts);
        histories.put(moduleKey, history);

        String rack = reading.source().partitionKey();
        double rackMedian = peers.update(rack, reading.source().device(), sample.cellT(), reading.ts());
        int collapsed = voltage.collapsedCell(sample.cellV(), volts);
        List<Signal> signals = new ArrayList<>(thermal.analyze(reading, sample, history, rackMedian, collapsed));
        signals.addAll(voltage.analyze(reading, sample.cellV(), volts, history, collapsed));
        signals.addAll(probeHealth.analyze(reading, sample, history));
        rackSummary(reading, rack, rackMedian, signals);
        return signals;
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
