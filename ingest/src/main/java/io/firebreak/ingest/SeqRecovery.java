package io.firebreak.ingest;

import io.firebreak.telemetry.contract.Reading;
import io.firebreak.telemetry.kafka.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers each device's latest {@code seq} from the tail of the readings topic at start-up. Why: a process
 * killed after Kafka acknowledged a message but before its MQTT acknowledgement reached the broker gets that
 * message back on restart; without the seq the previous process had seen, it would be written twice. At most
 * receive-maximum messages are in that window per instance, so the last {@code recordsPerPartition} records
 * of each partition cover it with room for other instances writing in between.
 */
final class SeqRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(SeqRecovery.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private SeqRecovery() {
    }

    /** The latest seq per device id in the last {@code recordsPerPartition} readings of every partition. */
    static Map<String, Long> latestSeqs(Properties kafkaClientProperties, int recordsPerPartition) {
        long t0 = System.nanoTime();
        Properties props = new Properties();
        props.putAll(kafkaClientProperties);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        Map<String, Long> latest = new HashMap<>();
        long read = 0;
        try (KafkaConsumer<String, Reading> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                Topics.READINGS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.READINGS.name(), TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition tp : partitions) {
                long from = Math.max(begin.get(tp), end.get(tp) - recordsPerPartition);
                consumer.seek(tp, from);
                if (end.get(tp) > from) {
                    remaining.put(tp, end.get(tp));
                }
            }
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!remaining.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("kafka: could not read the tail of " + Topics.READINGS.name()
                            + " within " + TIMEOUT);
                }
                for (ConsumerRecord<String, Reading> record : consumer.poll(Duration.ofMillis(200))) {
                    read++;
                    Reading reading = record.value();
                    if (reading != null && reading.seq() != null) {
                        // one device's readings share a partition, read in order: the last one is its latest
                        latest.put(reading.source().deviceId(), reading.seq());
                    }
                }
                remaining.keySet().removeIf(tp -> consumer.position(tp) >= remaining.get(tp));
            }
        }
        LOG.info("event=seq_recovered devices={} records={} ms={}", latest.size(), read, (System.nanoTime() - t0) / 1_000_000);
        return latest;
    }
}
