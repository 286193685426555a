package io.firebreak.streams.topology;

import io.firebreak.telemetry.contract.Reading;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/** Detection runs on event time: a reading's {@code ts}, not when Kafka received it. */
public final class ReadingTimestampExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof Reading reading) {
            return reading.ts();
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
