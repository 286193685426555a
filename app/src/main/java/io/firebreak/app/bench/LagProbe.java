package io.firebreak.app.bench;

import io.firebreak.telemetry.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Watches a consumer group's committed offsets until it has consumed a known number of records of a topic. */
final class LagProbe implements AutoCloseable {

    private final Admin admin;
    private final String group;

    LagProbe(KafkaSettings kafka, String group) {
        this.admin = Admin.create(kafka.clientProperties());
        this.group = group;
    }

    /** Records of {@code topic} the group has committed so far. */
    long consumed(String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    /** Waits for the group's first commit on {@code topic}; returns System.nanoTime() at that moment. */
    long awaitFirstProgress(String topic, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (consumed(topic) > 0) {
                return System.nanoTime();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("group " + group + " made no progress on " + topic + " in " + timeout);
    }

    void awaitConsumed(String topic, long records, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (consumed(topic) >= records) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("group " + group + " did not consume " + records + " records of " + topic + " in " + timeout);
    }

    @Override
    public void close() {
        admin.close();
    }
}
