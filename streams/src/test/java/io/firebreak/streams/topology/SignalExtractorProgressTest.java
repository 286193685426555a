package io.firebreak.streams.topology;

import static io.firebreak.streams.topology.Readings.B3;
import static io.firebreak.streams.topology.Readings.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.streams.Thresholds;
import io.firebreak.streams.rack.ModuleHistory;
import io.firebreak.streams.room.Signal;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.kafka.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * How far a partition tells the rooms it has got: only the readings its lane judges count. Ingest writes the
 * alarm lane's readings to the readings topic too, from another producer that may run minutes of event time
 * ahead of the battery lane's in a replay, so counting them would let a room act before the battery data of
 * those minutes arrived.
 */
class SignalExtractorProgressTest {

    private final MockProcessorContext<String, Signal> context = new MockProcessorContext<>();

    private SignalExtractor battery() {
        KeyValueStore<String, ModuleHistory> histories = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SignalExtractor.MODULE_HISTORY),
                Serdes.String(), StateSerdes.moduleHistory()).withLoggingDisabled().build();
        histories.init(context.getStateStoreContext(), histories);
        context.addStateStore(histories);
        KeyValueStore<String, ModuleHistory> trends = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SignalExtractor.MODULE_TREND),
                Serdes.String(), StateSerdes.moduleHistory()).withLoggingDisabled().build();
        trends.init(context.getStateStoreContext(), trends);
        context.addStateStore(trends);
        DetectionHarness.seenStore(context, SignalExtractor.Input.BATTERY, 0);
        SignalExtractor extractor = new SignalExtractor(Thresholds.defaults(), TimeMode.REPLAY, DetectionHarness.SITE, SignalExtractor.Input.BATTERY, 6, 6);
        extractor.init(context);
        context.setRecordMetadata(Topics.READINGS.name(), 0, 0);
        return extractor;
    }

    private static Record<String, Reading> record(Reading reading) {
        return new Record<>(reading.source().partitionKey(), reading, reading.ts());
    }

    private List<Signal> forwarded() {
        return context.forwarded().stream().map(f -> (Signal) f.record().value()).toList();
    }

    @Test
    void shouldNotClaimTheOtherLanesEventTimeAsTheBatteryPartitionsProgress() {
        // Given: the alarm lane's copy of a gas reading five minutes ahead of the battery data on the same partition
        SignalExtractor extractor = battery();
        extractor.process(record(Readings.gas(B3, "asd-b3-1", T0 + 300_000, 1, 1, 0)));

        // When: the battery lane's samples of the present arrive
        for (long t = T0; t <= T0 + 3_000; t += 1_000) {
            extractor.process(record(Readings.bms(B3, "3E-1", "M01", t, Readings.probes(25, 25, 25), Readings.healthyVolts())));
        }

        // Then: every signal and progress beacon says how far the battery samples have got, never the gas reading's time
        assertThat(forwarded()).isNotEmpty().allSatisfy(signal -> assertThat(signal.sourceTime()).isBetween(T0, T0 + 3_000));
        assertThat(forwarded()).filteredOn(Signal::isProgress).extracting(Signal::sourceTime).contains(T0 + 3_000);
    }

    @Test
    void shouldSendNoProgressBeforeTheLaneHasJudgedAnything() {
        // Given
        SignalExtractor extractor = battery();

        // When: only the other lane's readings on this partition
        extractor.process(record(Readings.gas(B3, "asd-b3-1", T0, 1, 1, 0)));
        extractor.process(record(Readings.fire(B3, T0 + 1_000, io.firebreak.telemetry.contract.FireEventType.ALARM)));

        // Then
        assertThat(forwarded()).isEmpty();
    }
}
