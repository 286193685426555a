package io.firebreak.streams;

import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.Reading;
import java.util.List;
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

    private final Thresholds thresholds;
    private final ThermalAnalyzer thermal;
    private final RoomSensorRules roomRules;
    private ProcessorContext<String, Signal> context;
    private KeyValueStore<String, ModuleHistory> histories;
    private final RackPeers peers = new RackPeers();

    SignalExtractor(Thresholds thresholds) {
        this.thresholds = thresholds;
        this.thermal = new ThermalAnalyzer(thresholds);
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
    }

    private List<Signal> thermal(Reading reading, BmsSample sample) {
        String moduleKey = reading.source().deviceId();
        ModuleHistory history = histories.get(moduleKey);
        if (history == null) {
            history = ModuleHistory.empty(sample.cellT().size());
        }
        long keepAfter = reading.ts() - thresholds.riseWindow().toMillis() - 5_000;
        history = history.append(reading.ts(), sample.cellT(), keepAfter);
        histories.put(moduleKey, history);

        double rackMedian = peers.update(reading.source().partitionKey(), reading.source().device(), sample.cellT());
        return thermal.analyze(reading, sample, history, rackMedian);
    }
}
