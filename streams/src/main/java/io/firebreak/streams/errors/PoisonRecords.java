package io.firebreak.streams.errors;

import io.firebreak.telemetry.contract.DeadLetter;
import io.firebreak.telemetry.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detection's one poison-record policy, shared by its deserialization, processing and production
 * handlers: the record that cannot be read, processed or written goes to the dead-letter topic with its
 * topic, partition, offset and a reason, and detection goes on with the next one. A fire recorded after
 * a few unreadable records is still detected.
 */
public final class PoisonRecords {

    private static final Logger LOG = LoggerFactory.getLogger(PoisonRecords.class);
    private static final AtomicLong COUNT = new AtomicLong();

    private PoisonRecords() {
    }

    /** Records sent to the dead-letter topic by this process's handlers so far. */
    public static long count() {
        return COUNT.get();
    }

    /** The dead-letter record for {@code raw} (the source record's value, or what could not be written). */
    static List<ProducerRecord<byte[], byte[]>> deadLetter(String stage, ErrorHandlerContext context, byte[] raw, Exception exception) {
        long n = COUNT.incrementAndGet();
        String where = context.topic() + "/" + context.partition() + "@" + context.offset();
        String reason = stage + " failed at " + where + " (processor " + context.processorNodeId() + "): " + exception;
        LOG.warn("event=detect_poison_record stage={} topic={} partition={} offset={} processor={} reason=\"{}\" total={}", stage,
                context.topic(), context.partition(), context.offset(), context.processorNodeId(), String.valueOf(exception), n);
        String topic = context.topic() == null ? "unknown" : context.topic();
        DeadLetter letter = new DeadLetter(topic, raw, System.currentTimeMillis(), truncate(reason), null);
        RecordHeaders headers = new RecordHeaders();
        headers.add("firebreak.stage", stage.getBytes(StandardCharsets.UTF_8));
        headers.add("firebreak.source", where.getBytes(StandardCharsets.UTF_8));
        byte[] value = Topics.DEAD_LETTERS.valueSerde().serializer().serialize(Topics.DEAD_LETTERS.name(), letter);
        byte[] key = topic.getBytes(StandardCharsets.UTF_8);
        return List.of(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, System.currentTimeMillis(), key, value, headers));
    }

    private static String truncate(String reason) {
        return reason.length() <= 2_000 ? reason : reason.substring(0, 1_999) + "…";
    }
}
