package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.kafka.KafkaSettings;
import org.junit.jupiter.api.Test;

/** Which lane carries which topic, and what each lane's session subscribes to. */
class LaneTest {

    private final IngestConfig config = IngestConfig.of("tcp://127.0.0.1:1883", "ingest-1", KafkaSettings.local("127.0.0.1:9092"));

    @Test
    void shouldCarryPanelsRoomSensorsPowerAndGatewaysOnTheAlarmLaneAndEverythingElseOnTheBatteryLane() {
        for (String topic : new String[] {"dc/pangyo-a/B3/fire/fp-1", "dc/pangyo-a/B3/env/asd-1", "dc/pangyo-a/B3/power/ups-1",
                "dc/pangyo-a/B3/gateway/gw-1"}) {
            assertThat(Lane.ALARMS.carries(config, topic)).as(topic).isTrue();
            assertThat(Lane.BATTERY.carries(config, topic)).as(topic).isFalse();
        }
        // BMS, and what is not the contract's (a dead letter, from the battery lane, which subscribes to everything)
        for (String topic : new String[] {"dc/pangyo-a/B3/bms/R07/M01", "dc/pangyo-a/B3/fire", "dc/pangyo-a/B3/hvac/ahu-1", "dc/x", "other/a/b/fire/c"}) {
            assertThat(Lane.BATTERY.carries(config, topic)).as(topic).isTrue();
            assertThat(Lane.ALARMS.carries(config, topic)).as(topic).isFalse();
        }
    }

    @Test
    void shouldGiveEachLaneItsOwnClientIdAndSharedSubscription() {
        assertThat(Lane.BATTERY.clientId(config)).isEqualTo("ingest-1");
        assertThat(Lane.ALARMS.clientId(config)).isEqualTo("ingest-1-alarms");
        assertThat(Lane.BATTERY.filters(config)).containsExactly("$share/firebreak-ingest/dc/#");
        assertThat(Lane.ALARMS.filters(config)).containsExactly("$share/firebreak-ingest-alarms/dc/+/+/env/#",
                "$share/firebreak-ingest-alarms/dc/+/+/fire/#", "$share/firebreak-ingest-alarms/dc/+/+/gateway/#",
                "$share/firebreak-ingest-alarms/dc/+/+/power/#");
        assertThat(Lane.ALARMS.filters(config.withSharedGroup(null))).contains("dc/+/+/fire/#");
    }
}
