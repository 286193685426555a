package io.firebreak.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.embedded.KafkaCluster;
import io.firebreak.telemetry.kafka.KafkaSettings;
import io.firebreak.telemetry.kafka.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * The topics alerting rebuilds itself from, as a real 3-broker KRaft cluster holds them once alerting created
 * them with replication 3: kept without limit, and refusing an {@code acks=all} write kept on one copy.
 */
class StateTopicsIT {

    @Test
    void shouldKeepStateTopicsWithoutLimitAndOneReplicaLessInSyncWhenAlertingCreatesThemReplicated() throws Exception {
        try (KafkaCluster cluster = KafkaCluster.start(3)) {
            // Given a cluster of three brokers, and alerting's topics created with replication 3
            new KafkaSettings(cluster.bootstrapServers(), Map.of(), 3, (short) 3).ensureTopics();

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                for (String topic : List.of(Topics.DECISIONS.name(), Topics.OPERATOR.name(), Topics.AUDIT.name())) {
                    // When the brokers are asked how they keep each state topic
                    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                    Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);

                    // Then it outlives any incident, on three replicas of which two must take every write
                    assertThat(config.get("retention.ms").value()).as(topic).isEqualTo("-1");
                    assertThat(config.get("retention.bytes").value()).as(topic).isEqualTo("-1");
                    assertThat(config.get("cleanup.policy").value()).as(topic).isEqualTo("delete");
                    assertThat(config.get("min.insync.replicas").value()).as(topic).isEqualTo("2");
                    assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
                            .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
                }
            }
        }
    }
}
