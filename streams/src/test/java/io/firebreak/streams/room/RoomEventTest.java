package io.firebreak.streams.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.decision.RoomEvent;
import io.firebreak.telemetry.kafka.JsonSerde;
import org.junit.jupiter.api.Test;

/** Each signal the room's decider receives is one kind of {@link RoomEvent}, the same after a trip through its JSON. */
class RoomEventTest {

    private static final String SITE = "pangyo";
    private static final String ROOM = "B3";
    private static final long T = 1_700_000_000_000L;

    private static Signal signal(String name, String family, RiskLevel level, boolean clears) {
        return new Signal(SITE, ROOM, new Evidence(name, family, "3E-1/M02", 1.0, "", T, false), level, clears);
    }

    private static RoomEvent roundTrip(Signal signal) {
        try (JsonSerde<Signal> serde = new JsonSerde<>(Signal.class)) {
            return serde.deserializer().deserialize("t", serde.serializer().serialize("t", signal)).event();
        }
    }

    @Test
    void shouldTellEvidenceOfAHazardFromAHintAFaultAndALossOfTelemetry() {
        assertThat(signal("cell_hot_spot", "thermal", RiskLevel.WARNING, false).event()).isInstanceOf(RoomEvent.Hazard.class);
        assertThat(signal(Signal.WARM_PROBE, "thermal", RiskLevel.WATCH, false).event()).isInstanceOf(RoomEvent.Hint.class);
        assertThat(signal(Signal.WARM_PROBE, "thermal", RiskLevel.NORMAL, true).event()).isInstanceOf(RoomEvent.Hazard.class);
        assertThat(signal("probe_stuck", "sensor", RiskLevel.WATCH, false).event()).isInstanceOf(RoomEvent.SensorFault.class);
        assertThat(signal("telemetry_lost", "telemetry", RiskLevel.WARNING, false).event()).isInstanceOf(RoomEvent.LinkLoss.class);
    }

    @Test
    void shouldGiveTheFactsAboutTheInputsTheirOwnKinds() {
        assertThat(Signal.heartbeat(SITE, ROOM, "readings-3", T).event()).isEqualTo(new RoomEvent.Heartbeat("readings-3", T));
        assertThat(Signal.progress(SITE, ROOM, "readings-3", T).event()).isEqualTo(new RoomEvent.Progress("readings-3", T));
        assertThat(Signal.release(SITE, ROOM, "drn_1", T).event()).isEqualTo(new RoomEvent.Release("drn_1", T));
        assertThat(Signal.rackTemperature(SITE, ROOM, "3E-1", 31.257, T).event()).isEqualTo(new RoomEvent.RackTemperature("3E-1", 31.26, T));
    }

    @Test
    void shouldReadEachKindBackAsItWasSent() {
        Signal hazard = signal("voc_vent", "offgas", RiskLevel.WARNING, false);

        assertThat(roundTrip(hazard)).isEqualTo(hazard.event());
        assertThat(roundTrip(Signal.heartbeat(SITE, ROOM, "readings-3", T))).isInstanceOf(RoomEvent.Heartbeat.class);
        assertThat(roundTrip(Signal.release(SITE, ROOM, "drn_1", T))).isInstanceOf(RoomEvent.Release.class);
    }

    @Test
    void shouldNeverCountAnInputsFactAsEvidence() {
        assertThat(LevelRule.evaluate(java.util.List.of(Signal.heartbeat(SITE, ROOM, "readings-3", T),
                Signal.rackTemperature(SITE, ROOM, "3E-1", 80, T)))).isEqualTo(RiskLevel.NORMAL);
    }
}
