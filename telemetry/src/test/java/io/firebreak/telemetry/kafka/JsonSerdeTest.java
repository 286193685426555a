package io.firebreak.telemetry.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.contract.BmsSample;
import io.firebreak.telemetry.contract.DeadLetter;
import io.firebreak.telemetry.contract.DeviceAddress;
import io.firebreak.telemetry.contract.FireEvent;
import io.firebreak.telemetry.contract.FireEventType;
import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    private static <T> T roundTrip(TopicDescriptor<String, T> topic, T value) {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        return topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
    }

    @Test
    void shouldRoundTripReadingsOfEveryShape() {
        Reading bms = new Reading(DeviceAddress.bms("s", "r", "R1", "M1"), 5, 7L, 9, false,
                new BmsSample(Arrays.asList(3.3, null), List.of(25.0), null, 0.5));
        Reading fire = new Reading(DeviceAddress.of("s", "r", io.firebreak.telemetry.contract.DeviceKind.FIRE, "fp"),
                5, null, 9, true, new FireEvent("Z", FireEventType.PRE_ALARM));

        assertThat(roundTrip(Topics.READINGS, bms)).isEqualTo(bms);
        assertThat(roundTrip(Topics.READINGS, fire)).isEqualTo(fire);
    }

    @Test
    void shouldRoundTripDecisionsAndDeadLetters() {
        DrainDecision decision = new DrainDecision("drn_1", DrainDecision.REQUESTED, "s", "r", List.of("h1"), List.of("t1"),
                RiskLevel.CRITICAL, "fire", List.of(new Evidence("fire_panel", "fire_panel", "fp", 1, "", 3, true)), 3);
        DeadLetter letter = new DeadLetter("dc/x", new byte[] {1, 2, (byte) 0xff}, 4, "bad", null);

        assertThat(roundTrip(Topics.DECISIONS, decision)).isEqualTo(decision);
        assertThat(roundTrip(Topics.DEAD_LETTERS, letter)).isEqualTo(letter);
    }

    @Test
    void shouldReadADecisionWrittenBeforeTheCorroborationMarkAsCorroborated() {
        DrainDecision marked = new DrainDecision("drn_2", DrainDecision.REQUESTED, "s", "r", List.of("h1"), List.of("t1"),
                RiskLevel.CRITICAL, "fire", List.of(), 3).asUncorroborated();
        String older = "{\"id\":\"drn_1\",\"type\":\"drain.requested\",\"site\":\"s\",\"room\":\"r\",\"scope\":[],"
                + "\"tenants\":[],\"severity\":\"CRITICAL\",\"reason\":\"fire\",\"evidence\":[],\"detectedAt\":3}";

        assertThat(roundTrip(Topics.DECISIONS, marked).uncorroborated()).isTrue();
        assertThat(Topics.DECISIONS.valueSerde().deserializer().deserialize("t", older.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .uncorroborated()).isFalse();
    }
}
