package io.firebreak.streams.topology;

import static io.firebreak.streams.topology.Readings.B3;
import static io.firebreak.streams.topology.Readings.T0;
import static io.firebreak.streams.topology.Readings.gas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.streams.Thresholds;
import io.firebreak.streams.sensor.GasTrack;
import io.firebreak.streams.sensor.RoomSensorRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A vent under way and a zone's baseline are state of the room's partition, not of the task that happens to
 * hold it: when the partition moves to another instance (a rebalance, a kill), the new task reads the same
 * tracks from the {@code gas-history} store and goes on where the old one stopped.
 */
class GasHistoryTest {

    /** The store, as the changelog would restore it on another instance. */
    private final Map<String, GasTrack> store = new HashMap<>();
    private final RoomSensorRules.Tracks tracks = new RoomSensorRules.Tracks() {
        @Override
        public GasTrack get(String key) {
            return store.get(key) == null ? null : GasTrack.fromBytes(store.get(key).toBytes());
        }

        @Override
        public void put(String key, GasTrack track) {
            store.put(key, track);
        }
    };

    @Test
    void shouldStillCallAVentAVentWhenAnotherTaskTakesTheRoomOverHalfWayThroughItsSustainTime() {
        RoomSensorRules first = new RoomSensorRules(Thresholds.defaults(), tracks);
        for (long t = 0; t < 80_000; t += 10_000) {
            assertThat(signals(first, t)).as("not yet sustained at %d s", t / 1000).doesNotContain("voc_vent");
        }

        // the room's partition moves: a new task, the same store
        RoomSensorRules second = new RoomSensorRules(Thresholds.defaults(), tracks);
        long sustain = Thresholds.defaults().escalation().ventSustain().toMillis();
        assertThat(signals(second, sustain)).as("a vent %d s after the gas passed its level", sustain / 1000).contains("voc_vent");
    }

    @Test
    void shouldKeepAZonesBaselineAcrossATakeOver() {
        RoomSensorRules first = new RoomSensorRules(Thresholds.defaults(), tracks);
        for (long t = 0; t < 60_000; t += 10_000) {
            first.analyze(gas(B3, "asd-b3-1", T0 + t, 0.2, 1.0, 0.0));
        }

        RoomSensorRules second = new RoomSensorRules(Thresholds.defaults(), tracks);
        double rise = Thresholds.defaults().precursors().vocRisePpm();
        List<String> signals = second.analyze(gas(B3, "asd-b3-1", T0 + 70_000, 0.2 + rise + 0.5, 1.0, 0.0)).stream()
                .map(s -> s.evidence().signal()).toList();
        assertThat(signals).as("a rise above the baseline the first task learnt").contains("voc_rise");
    }

    @Test
    void shouldRoundTripATrackAndRefuseAnUnknownLayout() {
        GasTrack track = GasTrack.EMPTY.withBaseline(0.3, T0).withRun(T0 + 5_000, new long[] {T0 + 5_000, T0 + 15_000},
                new double[] {21.0, 22.5});

        GasTrack back = StateSerdes.gasTrack().deserializer().deserialize("t", StateSerdes.gasTrack().serializer().serialize("t", track));

        assertThat(back).isEqualTo(track);
        assertThat(back.aboveSince()).isEqualTo(T0 + 5_000);
        assertThat(back.ppm()).containsExactly(21.0, 22.5);
        assertThatThrownBy(() -> GasTrack.fromBytes(new byte[] {7})).hasMessageContaining("unknown state layout version 7");
    }

    private static List<String> signals(RoomSensorRules rules, long t) {
        return rules.analyze(gas(B3, "asd-b3-1", T0 + t, 21 + t / 10_000.0, 1.0, 0.0)).stream().map(s -> s.evidence().signal()).toList();
    }
}
