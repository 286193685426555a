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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.InMemoryKeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * What the battery lane keeps of a module, and where (issue 16's cheaper battery path): the recent samples in
 * {@code module-history} with every sample, the slow trend in {@code module-trend} once a step, and in memory
 * only what the stores would give back, so a task started again on the stores judges as one that never stopped.
 */
class SignalExtractorStateTest {

    private static final Serde<ModuleHistory> SERDE = StateSerdes.moduleHistory();
    private static final String MODULE = Readings.bms(B3, "3E-1", "M01", T0, Readings.probes(25), Readings.healthyVolts()).source().deviceId();

    /** One task's stores, counting the writes that reach each. */
    private static final class Task {
        final MockProcessorContext<String, Signal> context = new MockProcessorContext<>();
        final AtomicInteger historyWrites = new AtomicInteger();
        final AtomicInteger trendWrites = new AtomicInteger();
        final KeyValueStore<String, ModuleHistory> histories = store(SignalExtractor.MODULE_HISTORY, historyWrites);
        final KeyValueStore<String, ModuleHistory> trends = store(SignalExtractor.MODULE_TREND, trendWrites);

        Task() {
            DetectionHarness.seenStore(context, SignalExtractor.Input.BATTERY, 0);
        }

        private KeyValueStore<String, ModuleHistory> store(String name, AtomicInteger writes) {
            KeyValueStore<String, ModuleHistory> store = Stores.keyValueStoreBuilder(counting(name, writes), Serdes.String(), SERDE)
                    .withLoggingDisabled().build();
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
            return store;
        }

        /** A new extractor on these stores, as a task started again (a restart, a partition moved here) has. */
        SignalExtractor start() {
            SignalExtractor extractor = new SignalExtractor(Thresholds.defaults(), TimeMode.REPLAY, DetectionHarness.SITE,
                    SignalExtractor.Input.BATTERY, 6, 6);
            extractor.init(context);
            context.setRecordMetadata(Topics.READINGS.name(), 0, 0);
            return extractor;
        }

        byte[] stored(KeyValueStore<String, ModuleHistory> store) {
            return SERDE.serializer().serialize("", store.get(MODULE));
        }
    }

    private static KeyValueBytesStoreSupplier counting(String name, AtomicInteger writes) {
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new InMemoryKeyValueStore(name) {
                    @Override
                    public synchronized void put(Bytes key, byte[] value) {
                        writes.incrementAndGet();
                        super.put(key, value);
                    }
                };
            }

            @Override
            public String metricsScope() {
                return "in-memory";
            }
        };
    }

    /** A module's samples every second for {@code seconds}, its first probe warming 0.02 °C a second. */
    private static List<Record<String, Reading>> warming(int seconds) {
        List<Record<String, Reading>> records = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            double warm = Math.round((25 + 0.02 * s) * 100) / 100.0;
            Reading reading = Readings.bms(B3, "3E-1", "M01", T0 + s * 1_000L, Readings.probes(warm, 25, 25, 25), Readings.healthyVolts());
            records.add(new Record<>(reading.source().partitionKey(), reading, reading.ts()));
        }
        return records;
    }

    @Test
    void shouldWriteTheSlowTrendOnceAStepAndTheRecentSamplesWithEverySample() {
        // Given
        Task task = new Task();
        SignalExtractor extractor = task.start();

        // When: 90 s of samples, one a second (the trend takes one every 30 s)
        warming(90).forEach(extractor::process);

        // Then
        assertThat(task.historyWrites).hasValue(90);
        assertThat(task.trendWrites).hasValue(3);
        ModuleHistory recent = task.histories.get(MODULE);
        assertThat(recent.slowTs()[0]).isEmpty();
        assertThat(task.trends.get(MODULE).slowTs()[0]).containsExactly(T0, T0 + 30_000, T0 + 60_000);
    }

    @Test
    void shouldKeepTheSameStateWhenStartedAgainOnItsStoresMidway() {
        // Given: one task that runs through, and one started again on its stores after 75 s (between two trend steps)
        List<Record<String, Reading>> samples = warming(150);
        Task through = new Task();
        SignalExtractor running = through.start();
        samples.forEach(running::process);
        Task restarted = new Task();
        SignalExtractor first = restarted.start();
        samples.subList(0, 75).forEach(first::process);

        // When
        SignalExtractor again = restarted.start();
        samples.subList(75, samples.size()).forEach(again::process);

        // Then: both stores hold what the task that never stopped holds, byte for byte
        assertThat(restarted.stored(restarted.histories)).isEqualTo(through.stored(through.histories));
        assertThat(restarted.stored(restarted.trends)).isEqualTo(through.stored(through.trends));
        assertThat(restarted.trends.get(MODULE).slowTs()[0]).hasSize(5);
    }

    @Test
    void shouldKeepTheTrendOfAHistoryWrittenWholeBeforeTheTrendHadAStore() {
        // Given: a history as an older instance wrote it, its trend inside, and no trend in the trend store
        List<Record<String, Reading>> samples = warming(40);
        Task older = new Task();
        SignalExtractor before = older.start();
        samples.subList(0, 35).forEach(before::process);
        ModuleHistory whole = older.histories.get(MODULE).withTrend(older.trends.get(MODULE));
        Task task = new Task();
        task.histories.put(MODULE, whole);
        task.historyWrites.set(0);

        // When: the next sample, within the same trend step
        SignalExtractor extractor = task.start();
        samples.subList(35, 36).forEach(extractor::process);

        // Then: the trend moved to its own store, and the recent samples carry on
        assertThat(task.trends.get(MODULE).slowTs()[0]).containsExactly(T0, T0 + 30_000);
        assertThat(task.histories.get(MODULE).slowTs()[0]).isEmpty();
        assertThat(task.histories.get(MODULE).ts()[0]).endsWith(T0 + 35_000);
    }
}
