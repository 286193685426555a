package io.firebreak.telemetry.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceAddressTest {

    @Test
    void shouldKeyBmsReadingsByRackAndOthersByRoom() {
        assertThat(DeviceAddress.bms("s", "r", "R1", "M1").partitionKey()).isEqualTo("s/r/R1");
        assertThat(DeviceAddress.of("s", "r", DeviceKind.ENV, "asd").partitionKey()).isEqualTo("s/r");
    }

    @Test
    void shouldRoundTripTopics() {
        TopicLayout layout = TopicLayout.defaults();
        DeviceAddress bms = DeviceAddress.bms("pangyo-a", "B3", "3E-1", "M08");

        assertThat(layout.topicOf(bms)).isEqualTo("dc/pangyo-a/B3/bms/3E-1/M08");
        assertThat(layout.parse(layout.topicOf(bms))).isEqualTo(bms);
    }

    @Test
    void shouldNameTheBadFieldWhenAnIdentifierIsInvalid() {
        assertThatThrownBy(() -> DeviceAddress.bms("s", "r", "rack 1", "M1"))
                .hasMessage("rack: must match [A-Za-z0-9_.-]{1,64}, was 'rack 1'");
        assertThatThrownBy(() -> DeviceAddress.of("s", "r", DeviceKind.FIRE, null)).hasMessageStartingWith("fire:");
    }
}
