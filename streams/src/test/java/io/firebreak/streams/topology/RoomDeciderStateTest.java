package io.firebreak.streams.topology;

import static io.firebreak.streams.topology.Readings.B3;
import static io.firebreak.streams.topology.Readings.SITE;
import static io.firebreak.streams.topology.Readings.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.streams.Thresholds;
import io.firebreak.streams.room.RoomState;
import io.firebreak.streams.room.Signal;
import io.firebreak.streams.room.Verdict;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.kafka.JsonSerde;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A room's decider keeps each room's state in memory as it last stored it (issue 16's cheaper path): a decider
 * started again on its store (a restart, a partition moved here) decides exactly as one that never stopped.
 */
class RoomDeciderStateTest {

    private static final String KEY = SITE + "/" + B3;

    private static final class Task {
        final MockProcessorContext<String, Verdict> context = new MockProcessorContext<>();
        final KeyValueStore<String, RoomState> rooms = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RoomDecider.ROOM_STATE),
                Serdes.String(), new JsonSerde<>(RoomState.class)).withLoggingDisabled().build();

        Task() {
            rooms.init(context.getStateStoreContext(), rooms);
            context.addStateStore(rooms);
        }

        RoomDecider start() {
            RoomDecider decider = new RoomDecider(DetectionHarness.SITE, TimeMode.REPLAY, Thresholds.defaults(), 0, 0);
            decider.init(context);
            return decider;
        }

        void feed(RoomDecider decider, List<Signal> signals) {
            for (Signal signal : signals) {
                context.setCurrentSystemTimeMs(signal.evidence().ts());
                decider.process(new Record<>(KEY, signal, signal.evidence().ts()));
            }
        }

        List<String> verdicts() {
            return context.forwarded().stream().map(f -> f.record().value().toString()).toList();
        }
    }

    private static Signal hazard(String name, String family, String where, long ts, RiskLevel level) {
        return new Signal(SITE, B3, new Evidence(name, family, where, 1, "", ts, level == RiskLevel.CRITICAL), level, false)
                .from("in-order", ts);
    }

    /** Twenty minutes of a room: heartbeats and progress, a voltage warning, off-gas two minutes later. */
    private static List<Signal> room() {
        List<Signal> signals = new ArrayList<>();
        for (long t = T0; t <= T0 + 20 * 60_000L; t += 1_000) {
            if ((t - T0) % 5_000 == 0) {
                signals.add(Signal.heartbeat(SITE, B3, "3E-1", t).from("in-order", t));
            }
            signals.add(Signal.progress(SITE, B3, "in-order", t));
            if (t == T0 + 10_000) {
                signals.add(hazard("cell_voltage_sag", "voltage", "3E-1/M04/c8", t, RiskLevel.WARNING));
            }
            if (t == T0 + 130_000) {
                signals.add(hazard("voc", "offgas", "gas-b3-1", t, RiskLevel.WARNING));
            }
        }
        return signals;
    }

    @Test
    void shouldDecideAsOneThatNeverStoppedWhenStartedAgainOnItsStore() {
        // Given: one decider through, one started again on its store in the middle of the incident
        List<Signal> signals = room();
        int half = signals.size() / 2;
        Task through = new Task();
        through.feed(through.start(), signals);
        Task restarted = new Task();
        restarted.feed(restarted.start(), signals.subList(0, half));

        // When
        restarted.feed(restarted.start(), signals.subList(half, signals.size()));

        // Then: the same alerts and decisions, and the same state stored
        assertThat(through.verdicts()).isNotEmpty();
        assertThat(restarted.verdicts()).isEqualTo(through.verdicts());
        assertThat(restarted.rooms.get(KEY)).isEqualTo(through.rooms.get(KEY));
    }
}
