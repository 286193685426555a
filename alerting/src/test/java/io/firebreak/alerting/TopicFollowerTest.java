package io.firebreak.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TopicFollowerTest {

    private static final TopicPartition PARTITION = new TopicPartition("firebreak.operator.v1", 0);

    @Test
    void shouldGoOnFollowingAfterPollsFailWhileKafkaIsAwayAndStopWhenClosed() {
        // Given a follower whose first poll fails as it does when Kafka has been away longer than the client's timeouts
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(PARTITION));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.setPollException(new KafkaException("broker away"));
        List<String> seen = new CopyOnWriteArrayList<>();
        TopicFollower follower = new TopicFollower(consumer, "test_feed", Duration.ofMillis(20), Duration.ofMillis(10),
                Duration.ofMillis(40), records -> records.forEach(r -> seen.add(r.key())));
        follower.start();

        // When Kafka is back with a record
        await().atMost(Duration.ofSeconds(5)).until(() -> follower.failures() == 1);
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(PARTITION.topic(), 0, 0L, "site/B3", new byte[] {1})));

        // Then the follower is still running and hands the record over, and close() ends it
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("site/B3"));
        assertThat(follower.running()).isTrue();
        follower.close();
        assertThat(follower.running()).isFalse();
        assertThat(consumer.closed()).isTrue();
    }
}
