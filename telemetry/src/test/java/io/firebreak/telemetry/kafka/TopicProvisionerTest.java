package io.firebreak.telemetry.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicProvisionerTest {

    @Test
    void shouldKeepStateTopicsWithoutLimitAndAskOneReplicaLessInSyncWhenReplicated() {
        for (String state : new String[] {Topics.DECISIONS.name(), Topics.OPERATOR.name(), Topics.AUDIT.name()}) {
            assertThat(TopicProvisioner.configFor(state, (short) 3)).as(state).isEqualTo(Map.of(
                    "cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1", "min.insync.replicas", "2"));
        }
        assertThat(TopicProvisioner.configFor(Topics.READINGS.name(), (short) 3)).isEqualTo(Map.of("min.insync.replicas", "2"));
    }

    @Test
    void shouldNotAskForInSyncReplicasWhenThereIsOnlyOne() {
        assertThat(TopicProvisioner.configFor(Topics.READINGS.name(), (short) 1)).isEmpty();
        assertThat(TopicProvisioner.configFor(Topics.AUDIT.name(), (short) 1)).doesNotContainKey("min.insync.replicas")
                .containsEntry("retention.ms", "-1");
    }

    @Test
    void shouldKeepDetectionsBatterySignalsForADay() {
        assertThat(TopicProvisioner.configFor(Topics.SIGNALS.name(), (short) 1)).isEqualTo(Map.of("retention.ms", "86400000"));
    }
}
