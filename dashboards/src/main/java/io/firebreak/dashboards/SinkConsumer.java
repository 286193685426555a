package io.firebreak.dashboards;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's side of the consumer group: polls, commits exactly the offsets of a stored poll, and
 * waits out a write backoff without leaving the group or losing a record. Used by one thread only.
 */
final class SinkConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkConsumer.class);

    private final Consumer<byte[], byte[]> consumer;
    /**
     * How long a lag lookup may take, once per report. Longer than a poll: a lookup that needs fresh
     * partition metadata (a new topic, a moved leader) can take more than a poll's 200 ms.
     */
    private static final Duration LAG_TIMEOUT = Duration.ofSeconds(2);

    private final Duration pollTimeout;

    SinkConsumer(Consumer<byte[], byte[]> consumer, Duration pollTimeout) {
        this.consumer = consumer;
        this.pollTimeout = pollTimeout;
    }

    void subscribe(List<String> topics) {
        consumer.subscribe(topics);
    }

    ConsumerRecords<byte[], byte[]> poll() {
        return consumer.poll(pollTimeout);
    }

    /** Commits the offset after the last record of each partition of {@code records}. */
    void commit(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> part = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(part.get(part.size() - 1).offset() + 1));
        }
        try {
            consumer.commitSync(offsets);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the partitions moved on; their new owner rewrites the same points, which InfluxDB stores once
            LOG.warn("event=commit_failed partitions={} error=\"{}\"", offsets.keySet(), e.getMessage());
        }
    }

    /**
     * Waits {@code backoff} with every partition paused, still polling so the group keeps this member.
     * A partition a rebalance assigned meanwhile is not paused yet: what it gave is rewound, not lost.
     *
     * @return false when {@code stop} turned true before the backoff ended
     */
    boolean pauseFor(Duration backoff, BooleanSupplier stop) {
        long deadline = System.nanoTime() + backoff.toNanos();
        try {
            while (!stop.getAsBoolean()) {
                consumer.pause(consumer.assignment());
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                ConsumerRecords<byte[], byte[]> stray = consumer.poll(Duration.ofNanos(Math.min(left, pollTimeout.toNanos())));
                for (TopicPartition partition : stray.partitions()) {
                    consumer.seek(partition, stray.records(partition).get(0).offset());
                }
            }
            return false;
        } finally {
            consumer.resume(consumer.paused());
        }
    }

    /**
     * Records behind the end of each assigned topic (last stable offset minus the consumer's position),
     * summed over this member's partitions. Empty before the first assignment.
     */
    Map<String, Long> lagByTopic() {
        Map<String, Long> lag = new TreeMap<>();
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return lag;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, LAG_TIMEOUT);
        for (TopicPartition partition : assigned) {
            long behind = Math.max(0, ends.getOrDefault(partition, 0L) - consumer.position(partition, LAG_TIMEOUT));
            lag.merge(partition.topic(), behind, Long::sum);
        }
        return lag;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
